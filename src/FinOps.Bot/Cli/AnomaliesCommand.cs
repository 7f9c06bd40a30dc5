using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using FinOps.Bot.Hosting;
using FinOps.Core.Anomalies;
using FinOps.Storage.Costs;
using Microsoft.Extensions.Options;

namespace FinOps.Bot.Cli;

/// <summary>
/// <c>anomalies [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--all] [--db PATH] [--json]</c>: replays the daily anomaly job for
/// each run date in [from, to), each run seeing only the data through the day before it.
/// </summary>
/// <remarks>
/// Defaults: <c>--to</c> is the day after the morning that first sees the last day with data (so the last day is
/// judged) and <c>--from</c> 30 days before it. Exit codes: 0 success, 1 invalid <c>Anomalies</c> settings or empty
/// store, 2 bad arguments. <c>anomalies feedback</c> (<see cref="AnomalyFeedbackCommand"/>) reports the alerts' precision.
/// </remarks>
public static class AnomaliesCommand
{
    public const int DefaultDays = 30;

    public static Command Create()
    {
        var from = new Option<string?>("--from") { Description = $"First run date (YYYY-MM-DD); default: {DefaultDays} days before --to." };
        from.Validators.Add(r => CommandLineValidation.IsDate(r, from));
        var to = new Option<string?>("--to") { Description = "Day after the last run date (YYYY-MM-DD, exclusive); default: two days after the last day with data, so the last day is judged." };
        to.Validators.Add(r => CommandLineValidation.IsDate(r, to));
        var all = new Option<bool>("--all") { Description = "Every raw detection, also below the alert thresholds and at every scope." };
        var json = new Option<bool>("--json") { Description = "Print {\"anomalies\": [...]} as JSON." };
        var command = new Command("anomalies", $"Replay the daily cost anomaly job (usage EffectiveCost per team, team and service, account) for each run date in [--from, --to); default: the last {DefaultDays} run dates of the data.")
        {
            from, to, all, json,
        };
        // A subcommand, so "anomalies [--from] [--to] [--all] [--db] --json" parses exactly as before.
        command.Subcommands.Add(AnomalyFeedbackCommand.Create());
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var host = CliHost.Build(parseResult.GetValue(CommonOptions.Database));
            AnomalyOptions options;
            try
            {
                options = host.Services.GetRequiredService<IOptions<AnomalyOptions>>().Value;
            }
            catch (OptionsValidationException e)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message);
                return ExitCodes.Failure;
            }

            await host.Services.GetRequiredService<StoreInitializer>().InitializeAsync(cancellationToken);
            var store = host.Services.GetRequiredService<SqliteCostStore>();
            var coverage = await store.GetCoverageAsync(cancellationToken);
            var toRun = Parse(parseResult.GetValue(to)) ?? coverage?.Dates.End.AddDays(1);
            if (toRun is not { } end)
            {
                await Console.Error.WriteLineAsync("error: the cost store is empty; import a FOCUS file first or give --from and --to.");
                return ExitCodes.Failure;
            }

            var start = Parse(parseResult.GetValue(from)) ?? end.AddDays(-DefaultDays);
            if (end <= start)
            {
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"error: --to ({end:yyyy-MM-dd}) must be after --from ({start:yyyy-MM-dd})."));
                return ExitCodes.Usage;
            }

            var anomalies = await new AnomalyDetectionService(store, options).ReplayAsync(start, end, parseResult.GetValue(all), cancellationToken);
            if (parseResult.GetValue(json))
            {
                WriteJson(Console.Out, anomalies);
            }
            else
            {
                WriteText(Console.Out, anomalies);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The contract: <c>{"anomalies": [{"id", "scope", "start", "end", "detectedOn", "status", "metric", "currency", "actual", "expected", "impact", "direction", "rootCauses"}]}</c>.</summary>
    public static void WriteJson(TextWriter output, IReadOnlyList<CostAnomaly> anomalies)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(anomalies);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartArray("anomalies");
            foreach (var a in anomalies)
            {
                w.WriteStartObject();
                w.WriteString("id", a.Id);
                WritePairs(w, "scope", a.Scope);
                w.WriteString("start", Day(a.Start));
                w.WriteString("end", Day(a.End));
                w.WriteString("detectedOn", Day(a.DetectedOn));
                w.WriteString("status", a.IsOpen ? "open" : "resolved");
                w.WriteString("metric", CostAnomaly.Metric);
                w.WriteString("currency", a.Currency);
                w.WriteNumber("actual", Math.Round(a.Actual, 2));
                w.WriteNumber("expected", Math.Round(a.Expected, 2));
                w.WriteNumber("impact", Math.Round(a.Impact, 2));
                w.WriteString("direction", a.Direction == AnomalyDirection.Up ? "up" : "down");
                w.WriteString("kind", a.Kind == AnomalyKind.Leak ? "leak" : "point");
                w.WriteStartArray("rootCauses");
                foreach (var cause in a.RootCauses)
                {
                    w.WriteStartObject();
                    WritePairs(w, "key", cause.Key);
                    w.WriteNumber("impact", Math.Round(cause.Impact, 2));
                    if (cause.NewSince is { } since)
                    {
                        w.WriteString("newSince", Day(since));
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteText(TextWriter output, IReadOnlyList<CostAnomaly> anomalies)
    {
        if (anomalies.Count == 0)
        {
            output.WriteLine("No anomalies.");
        }

        var inv = CultureInfo.InvariantCulture;
        foreach (var a in anomalies)
        {
            var scope = string.Join(", ", a.Scope.Select(p => p.Key + "=" + p.Value));
            var percent = a.Expected == 0 ? "" : string.Create(inv, $" ({a.Impact / a.Expected * 100:+0;-0}%)");
            output.WriteLine(string.Create(inv,
                $"{a.Start:yyyy-MM-dd}..{a.End.AddDays(-1):yyyy-MM-dd} {(a.IsOpen ? "open" : "resolved"),-8} {scope}: {a.Actual:N2} {a.Currency} vs {a.Expected:N2} expected, {a.Impact:+#,##0.00;-#,##0.00}{percent}"));
            foreach (var cause in a.RootCauses.Take(3))
            {
                var key = string.Join(", ", cause.Key.Select(p => p.Key + "=" + p.Value));
                var since = cause.NewSince is { } s ? string.Create(inv, $" (new since {s:yyyy-MM-dd})") : "";
                output.WriteLine(string.Create(inv, $"    {cause.Impact,14:+#,##0.00;-#,##0.00}  {key}{since}"));
            }
        }
    }

    private static void WritePairs(Utf8JsonWriter w, string name, IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        w.WriteStartObject(name);
        foreach (var (key, value) in pairs)
        {
            w.WriteString(key, value);
        }

        w.WriteEndObject();
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? Parse(string? text) =>
        text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
