using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FinOps.Storage.Data;
using FinOps.Storage.Ingestion;

namespace FinOps.Bot.Cli;

/// <summary><c>sources [--json]</c>: the configured ingestion sources, their last sync and how fresh their data is. Never shows a credential.</summary>
public static class SourcesCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "One JSON object per source." };
        var command = new Command("sources", "List the ingestion sources (Ingestion:Sources): kind, location, last sync, last run, status and the last complete day per billing account.") { json };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var host = CliHost.Build(parseResult.GetValue(CommonOptions.Database));
            await host.Services.GetRequiredService<CostDatabase>().EnsureReadyAsync(cancellationToken);
            var sources = await host.Services.GetRequiredService<IngestionSync>().GetStatusAsync(cancellationToken);
            if (sources.Count == 0 && !parseResult.GetValue(json))
            {
                Console.WriteLine("No ingestion sources are configured (Ingestion:Sources).");
            }

            foreach (var source in sources)
            {
                Console.WriteLine(parseResult.GetValue(json) ? JsonSerializer.Serialize(ToJson(source), Json) : Describe(source));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static object ToJson(SourceStatus s) => new
    {
        name = s.Name,
        kind = s.Kind.ToString(),
        location = s.Location,
        schedule = s.Schedule,
        lastSyncAt = s.LastSyncAt,
        lastRunId = s.LastRunId,
        lastNewDataAt = s.LastNewDataAt,
        status = s.Status,
        stale = s.IsStale,
        error = s.Error,
        freshness = s.Freshness.Select(f => new
        {
            provider = f.Provider,
            billingAccountId = f.BillingAccountId,
            lastChargeDay = f.LastChargeDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            lastCompleteDay = f.LastCompleteDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }),
    };

    private static string Describe(SourceStatus s)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(inv, $"{s.Name} ({s.Kind}) {s.Location}: {s.Status}");
        text.Append(s.LastSyncAt is { } at ? string.Create(inv, $", last sync {at:yyyy-MM-ddTHH:mm:ss}Z") : string.Empty);
        text.Append(s.LastRunId is { } run ? $", last run {run}" : string.Empty);
        text.Append(inv, $", schedule {s.Schedule}");
        if (s.IsStale)
        {
            text.Append(s.LastNewDataAt is { } newData
                ? string.Create(inv, $"; STALE: nothing new since {newData:yyyy-MM-ddTHH:mm:ss}Z")
                : "; STALE: no data delivered yet");
        }
        foreach (var f in s.Freshness)
        {
            text.AppendLine().Append(inv, $"  {f.Provider} {f.BillingAccountId}: complete through {f.LastCompleteDay:yyyy-MM-dd} (data through {f.LastChargeDay:yyyy-MM-dd})");
        }

        if (s.Error is { } error)
        {
            text.AppendLine().Append("  error: ").Append(error);
        }

        return text.ToString();
    }
}
