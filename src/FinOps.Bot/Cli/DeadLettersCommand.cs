using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using FinOps.Core.Reliability;

namespace FinOps.Bot.Cli;

/// <summary><c>dead-letters [--json]</c>: queued messages and work that were given up, most recently failed first, with the last error.</summary>
public static class DeadLettersCommand
{
    // Dead letters are purged after Queue:Retention:Dead; this bounds one listing, not what is kept.
    private const int MaxListed = 1000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "One JSON object per dead letter." };
        var command = new Command("dead-letters", "List messages and inbound work given up (channel, key, attempts, last error), newest first.") { json };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var host = CliHost.Build(parseResult.GetValue(CommonOptions.Database));
            var dead = await host.Services.GetRequiredService<IWorkQueue>().GetDeadLettersAsync(MaxListed, cancellationToken);
            foreach (var letter in dead)
            {
                Console.WriteLine(parseResult.GetValue(json) ? JsonSerializer.Serialize(ToJson(letter), Json) : Describe(letter));
            }

            return 0;
        });
        return command;
    }

    private static object ToJson(DeadLetter d) => new
    {
        id = d.Id,
        channel = d.Channel,
        key = d.IdempotencyKey,
        attempts = d.Attempts,
        error = d.LastError,
        createdAt = d.CreatedAt,
        failedAt = d.FailedAt,
    };

    private static string Describe(DeadLetter d) => string.Create(
        CultureInfo.InvariantCulture,
        $"#{d.Id} {d.FailedAt:yyyy-MM-dd HH:mm}Z {d.Channel} {d.IdempotencyKey} ({d.Attempts} attempts): {d.LastError ?? "no error recorded"}");
}
