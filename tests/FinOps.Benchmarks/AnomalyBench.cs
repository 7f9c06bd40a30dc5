using System.Diagnostics;
using System.Globalization;
using FinOps.Core.Anomalies;
using FinOps.Core.Query;
using FinOps.Demo;
using FinOps.Storage.Costs;
using FinOps.Storage.Import;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Benchmarks;

/// <summary>
/// <c>anomalies</c>: labelled evaluation of the anomaly detector against the Kusto baseline on the demo generator's
/// anomaly lab, then the replay timings over a large cube.
/// </summary>
public static class AnomalyBench
{
    /// <summary>Six months of run dates ending on the benchmark's "today".</summary>
    public static readonly DateOnly FromRun = BenchData.AsOf.AddMonths(-6);

    /// <summary>Bumped whenever the lab's planted data changes, so a cached CSV and store are not reused.</summary>
    private const string LabVersion = "v3";

    /// <summary>An incident up to this many days after a planted event's end still belongs to it.</summary>
    private const int Slack = 3;

    public static async Task<int> RunAsync(BenchArgs args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var folder = BenchData.WorkFolder(args);
        var rows = args.Number("rows", 1_000_000);
        var timingRows = args.Number("timing-rows", 10_000_000);
        var ok = await EvaluateAsync(folder, rows, cancellationToken);
        if (!args.Flag("no-timing"))
        {
            ok &= await TimeAsync(timingRows, cancellationToken);
        }

        return ok ? 0 : 1;
    }

    private static async Task<bool> EvaluateAsync(string folder, int rows, CancellationToken cancellationToken)
    {
        var options = new DemoDataOptions { EndDate = BenchData.AsOf, TargetRows = rows, AnomalyLab = true };
        var csv = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"focus-lab-{LabVersion}-{rows}.csv"));
        var generator = new FocusDemoGenerator();
        if (!File.Exists(csv))
        {
            generator.WriteFile(csv, options, cancellationToken);
        }

        var labels = generator.GetAnomalies(options);
        var db = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"ours-lab-{LabVersion}-{rows}.db"));
        if (!File.Exists(db))
        {
            await using var import = OurSide.BuildServices(db);
            var report = await import.GetRequiredService<CostImporter>().ImportAsync([csv], cancellationToken);
            if (report.Files.Single().Status != ImportStatus.Imported)
            {
                throw new InvalidOperationException($"import failed: {report.Files.Single().Error}");
            }
        }

        await using var services = OurSide.BuildServices(db);
        var store = services.GetRequiredService<SqliteCostStore>();
        var detectorOptions = new AnomalyOptions
        {
            Holidays = [.. labels.Where(l => l.Kind == "holiday").Select(l => l.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))],
        };
        var detector = new AnomalyDetectionService(store, detectorOptions);
        var toRun = BenchData.AsOf.AddDays(1);
        var ours = await detector.ReplayAsync(FromRun, toRun, all: false, cancellationToken);
        var firstDay = FromRun.AddDays(-1 - AnomalyDetectionService.LookBackDays);
        var series = await detector.LoadSeriesAsync(new DateRange(firstDay, BenchData.AsOf), cancellationToken);
        var accountNames = DemoOrganization.Default.Accounts.ToDictionary(a => a.SubAccountId, a => a.SubAccountName, StringComparer.Ordinal);
        var events = labels.Where(l => !l.Confounder && l.End > FromRun.AddDays(-1)).ToList();
        var confounders = labels.Where(l => l.Confounder).ToList();

        Console.WriteLine(Invariant($"anomaly lab: {rows:N0} target rows, run dates {FromRun:yyyy-MM-dd}..{BenchData.AsOf:yyyy-MM-dd} (6 months), {events.Count} planted anomalies, {confounders.Count} planted confounders (plus monthly commitment purchases, credits, taxes and weekends throughout)"));
        Console.WriteLine("| detector | incidents | precision | recall | F1 | median delay (days) | alerts on confounders |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        var oursIncidents = ours.Select(a => new Found(a.Scope, a.Start, a.End, a.DetectedOn) { Impact = a.Impact, Percent = a.Expected == 0 ? 0 : a.Impact / a.Expected * 100 }).ToList();
        var score = Score("ours (AnomalyDetectionService)", oursIncidents, events, confounders, accountNames);
        var kustoAvg = Score("Kusto series_decompose_anomalies(1.5, 7, 'avg')",
            KustoBaseline.Run(series, firstDay, FromRun, toRun, detectorOptions, lineFit: false).Select(i => new Found(i.Scope, i.Start, i.End, i.DetectedOn)).ToList(),
            events, confounders, accountNames);
        var kustoLine = Score("Kusto series_decompose_anomalies(1.5, 7, 'linefit')",
            KustoBaseline.Run(series, firstDay, FromRun, toRun, detectorOptions, lineFit: true).Select(i => new Found(i.Scope, i.Start, i.End, i.DetectedOn)).ToList(),
            events, confounders, accountNames);
        var best = Math.Max(kustoAvg, kustoLine);
        Console.WriteLine(Invariant($"goal F1 >= 0.80 and >= baseline + 0.10 ({best + 0.1:F2}): {(score >= 0.8 && score >= best + 0.1 ? "met" : "NOT met")}"));
        Console.WriteLine();
        Console.WriteLine("per planted event (ours):");
        foreach (var e in events.Concat(confounders))
        {
            var hits = oursIncidents.Where(f => Matches(f, e, accountNames)).ToList();
            var first = hits.Count == 0 ? "-" : Invariant($"detected {hits.Min(h => h.DetectedOn):yyyy-MM-dd} (delay {hits.Min(h => h.DetectedOn.DayNumber) - e.Start.DayNumber} d), {hits.Count} incident(s): {string.Join("; ", hits.Select(Describe))}");
            Console.WriteLine(Invariant($"  {(e.Confounder ? "confounder" : "anomaly   ")} {e.Kind,-15} {e.Key,-30} {e.Start:yyyy-MM-dd}..{e.End:yyyy-MM-dd} {e.TeamKey,-9} {first}"));
        }

        var unmatched = oursIncidents.Where(f => !events.Any(e => Matches(f, e, accountNames))).ToList();
        Console.WriteLine(Invariant($"false alarms (ours): {unmatched.Count}"));
        foreach (var f in unmatched)
        {
            Console.WriteLine("  " + Describe(f));
        }

        return score >= 0.8;
    }

    private static double Score(string name, List<Found> found, List<DemoAnomaly> events, List<DemoAnomaly> confounders, Dictionary<string, string> accounts)
    {
        var matched = found.Count(f => events.Any(e => Matches(f, e, accounts)));
        var precision = found.Count == 0 ? 1 : (double)matched / found.Count;
        var delays = new List<double>();
        foreach (var e in events)
        {
            var hits = found.Where(f => Matches(f, e, accounts)).ToList();
            if (hits.Count > 0)
            {
                delays.Add(hits.Min(h => h.DetectedOn.DayNumber) - e.Start.DayNumber);
            }
        }

        var recall = events.Count == 0 ? 1 : (double)delays.Count / events.Count;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        var onConfounders = found.Count(f => !events.Any(e => Matches(f, e, accounts)) && confounders.Any(c => Matches(f, c, accounts)));
        var delay = delays.Count == 0 ? double.NaN : Stats.Median([.. delays]);
        Console.WriteLine(Invariant($"| {name} | {found.Count} | {precision:F2} | {recall:F2} ({delays.Count}/{events.Count}) | {f1:F2} | {delay:F1} | {onConfounders} |"));
        return f1;
    }

    /// <summary>Same team (or the event's account), overlapping the event's days (plus a little slack), not starting before it.</summary>
    private static bool Matches(Found f, DemoAnomaly e, Dictionary<string, string> accounts)
    {
        var scope = f.Scope.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var sameOwner = e.Kind == "holiday"
            || (scope.TryGetValue("team", out var team) && string.Equals(team, e.TeamKey, StringComparison.OrdinalIgnoreCase))
            || (scope.TryGetValue("account", out var account) && accounts.TryGetValue(e.SubAccountId, out var name) && account == name);
        return sameOwner && f.Start < e.End.AddDays(Slack) && f.End > e.Start && f.Start >= e.Start.AddDays(-1);
    }

    private static string Describe(Found f) =>
        Invariant($"{string.Join(",", f.Scope.Select(p => p.Key + "=" + p.Value))} {f.Start:yyyy-MM-dd}..{f.End:yyyy-MM-dd} {f.Impact:+#,##0;-#,##0} ({f.Percent:+0;-0}%)");

    /// <summary>Replay six months and one day over a cube of <paramref name="facts"/> daily facts (built in memory, not timed).</summary>
    private static Task<bool> TimeAsync(int facts, CancellationToken cancellationToken) => AnomalyTiming.RunAsync(facts, FromRun, BenchData.AsOf.AddDays(1), cancellationToken);

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private sealed record Found(IReadOnlyList<KeyValuePair<string, string>> Scope, DateOnly Start, DateOnly End, DateOnly DetectedOn)
    {
        public decimal Impact { get; init; }

        public decimal Percent { get; init; }
    }
}
