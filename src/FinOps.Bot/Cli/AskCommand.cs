using System.CommandLine;
using System.Globalization;
using FinOps.Bot.Hosting;
using FinOps.Conversation.Answers;

namespace FinOps.Bot.Cli;

/// <summary><c>ask "&lt;question&gt;" [--as-of YYYY-MM-DD] [--db path] [--json]</c>; <c>ask -</c> answers one question per line of standard input.</summary>
public static class AskCommand
{
    public static Command Create()
    {
        var question = new Argument<string>("question") { Description = "The question, or - to read one question per line from standard input." };
        var asOf = new Option<string?>("--as-of") { Description = "The date that counts as today (YYYY-MM-DD)." };
        asOf.Validators.Add(r => CommandLineValidation.IsDate(r, asOf));
        var json = new Option<bool>("--json") { Description = "One JSON object per answer." };
        var command = new Command("ask", "Answer a cost question the way the bot would in chat.") { question, asOf, json };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            DateOnly? today = null;
            if (parseResult.GetValue(asOf) is { } text)
            {
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    await Console.Error.WriteLineAsync($"error: --as-of: '{text}' is not a date (YYYY-MM-DD).");
                    return 2;
                }

                today = date;
            }

            using var host = CliHost.Build(parseResult.GetValue(CommonOptions.Database));
            await host.Services.GetRequiredService<StoreInitializer>().InitializeAsync(cancellationToken);
            return await AskCommandRunner.RunAsync(
                host.Services,
                parseResult.GetValue(question)!,
                today,
                parseResult.GetValue(json),
                Console.In,
                Console.Out,
                cancellationToken);
        });
        return command;
    }
}
