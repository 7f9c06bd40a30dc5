using FinOps.Core.Calendar;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Conversation.Answers;

/// <summary>The body of the CLI verb <c>ask "&lt;question&gt;" [--as-of YYYY-MM-DD] [--json]</c>; <c>ask -</c> answers one question per line of standard input.</summary>
public static class AskCommandRunner
{
    public const int Success = 0;
    public const int UsageError = 2;

    /// <summary>Answers <paramref name="question"/> (or every line of <paramref name="stdin"/> when it is "-"), writing text or one JSON object per line.</summary>
    /// <returns>0 when every question was answered, 2 when no question was given.</returns>
    public static async Task<int> RunAsync(IServiceProvider services, string question, DateOnly? asOf, bool json, TextReader stdin, TextWriter stdout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(stdout);
        if (string.IsNullOrWhiteSpace(question))
        {
            await stdout.WriteLineAsync("Usage: ask \"<question>\" [--as-of YYYY-MM-DD] [--json], or ask - to read one question per line.");
            return UsageError;
        }

        var questions = services.GetRequiredService<QuestionService>();
        var today = asOf ?? CostCalendar.Today(services.GetService<TimeProvider>() ?? TimeProvider.System);
        if (question.Trim() != "-")
        {
            await WriteAsync(await questions.AskAsync(question, today, cancellationToken), json, stdout);
            return Success;
        }

        while (await stdin.ReadLineAsync(cancellationToken) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            await WriteAsync(await questions.AskAsync(line, today, cancellationToken), json, stdout);
        }

        return Success;
    }

    private static async Task WriteAsync(QuestionAnswer answer, bool json, TextWriter stdout)
    {
        await stdout.WriteLineAsync(json ? AskJson.Serialize(answer) : PlainTextTable.Render(answer));
        await stdout.FlushAsync();
    }
}
