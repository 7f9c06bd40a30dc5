using System.Diagnostics;
using System.Globalization;
using FinOps.Core.Anomalies;
using FinOps.Core.Query;

namespace FinOps.Benchmarks;

/// <summary>
/// How long the anomaly job takes over a large store: a synthetic cube of N daily facts (one per resource and day, as
/// the demo data has; 10 teams, 30 services, 25 accounts, 8 regions) held in memory like the store's snapshot, queried
/// through <see cref="CostQueryEngine"/>, with a three-day spike on one resource per team every 30 days (so root causes are
/// computed too). Building the cube is not timed (the store keeps it loaded).
/// </summary>
public static class AnomalyTiming
{
    public static Task<bool> RunAsync(int facts, DateOnly fromRun, DateOnly toRun, CancellationToken cancellationToken)
    {
        var firstDay = fromRun.AddDays(-1 - AnomalyDetectionService.LookBackDays);
        var lastDay = toRun.AddDays(-1);
        var days = lastDay.DayNumber - firstDay.DayNumber;
        var perDay = facts / days;
        var watch = Stopwatch.StartNew();
        var engine = new CostQueryEngine(Build(firstDay, days, perDay), new TagTeamAssignment());
        Console.WriteLine(Invariant($"timing cube: {perDay * (long)days:N0} facts ({perDay:N0} resources x {days} days) built in {watch.Elapsed.TotalSeconds:F1} s (not timed); load {Machine.LoadAverage()}"));
        return MeasureAsync(engine, fromRun, toRun, cancellationToken);
    }

    private static async Task<bool> MeasureAsync(CostQueryEngine engine, DateOnly fromRun, DateOnly toRun, CancellationToken cancellationToken)
    {
        var service = new AnomalyDetectionService(new EngineQueries(engine), new AnomalyOptions());

        // Warm-up (JIT, the team allocation of the snapshot).
        await service.ReplayAsync(toRun.AddDays(-1), toRun, all: false, cancellationToken);
        var replay = new List<double>();
        var count = 0;
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            count = (await service.ReplayAsync(fromRun, toRun, all: false, cancellationToken)).Count;
            replay.Add(watch.Elapsed.TotalSeconds);
        }

        var day = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            await service.ReplayAsync(toRun.AddDays(-1), toRun, all: false, cancellationToken);
            day.Add(watch.Elapsed.TotalSeconds);
        }

        var replayMedian = Stats.Median(replay);
        var dayMedian = Stats.Median(day);
        Console.WriteLine(Invariant($"six months of daily runs ({fromRun:yyyy-MM-dd}..{toRun:yyyy-MM-dd}): median {replayMedian:F2} s of 3 ({string.Join(", ", replay.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))}), {count} incidents; goal < 10 s: {(replayMedian < 10 ? "met" : "NOT met")}"));
        Console.WriteLine(Invariant($"one day's run: median {dayMedian:F3} s of 5; goal < 1 s: {(dayMedian < 1 ? "met" : "NOT met")}; load {Machine.LoadAverage()}"));
        return replayMedian < 10 && dayMedian < 1;
    }

    private static CostCube Build(DateOnly firstDay, int days, int perDay)
    {
        var b = new CostCubeBuilder(perDay * days);
        var currency = b.AddCurrency("USD");
        var usage = b.AddValue(DimensionKind.ChargeCategory, "Usage");
        var standard = b.AddValue(DimensionKind.PricingCategory, "Standard");
        var provider = b.AddValue(DimensionKind.Provider, "AWS");
        var billing = b.AddValue(DimensionKind.BillingAccount, "Acme");
        var teams = Enumerable.Range(0, 10).Select(t => b.AddTagSet(new Dictionary<string, string> { ["team"] = "team-" + t.ToString(CultureInfo.InvariantCulture) })).ToArray();
        var services = Enumerable.Range(0, 30).Select(s => b.AddValue(DimensionKind.Service, "service-" + s.ToString(CultureInfo.InvariantCulture))).ToArray();
        var category = b.AddValue(DimensionKind.Category, "Compute");
        var accounts = Enumerable.Range(0, 25).Select(a => b.AddValue(DimensionKind.Account, "account-" + a.ToString(CultureInfo.InvariantCulture))).ToArray();
        var regions = Enumerable.Range(0, 8).Select(r => b.AddValue(DimensionKind.Region, "region-" + r.ToString(CultureInfo.InvariantCulture))).ToArray();
        var resources = new int[perDay];
        var basis = new decimal[perDay];
        var random = new Random(7);
        for (var r = 0; r < perDay; r++)
        {
            resources[r] = b.AddValue(DimensionKind.Resource, "resource-" + r.ToString(CultureInfo.InvariantCulture));
            basis[r] = Math.Round((decimal)(1 + (random.NextDouble() * 20)), 2);
        }

        for (var d = 0; d < days; d++)
        {
            var date = firstDay.AddDays(d);
            var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.7m : 1m;
            for (var r = 0; r < perDay; r++)
            {
                var cost = Math.Round(basis[r] * weekend * (0.95m + (0.1m * (decimal)random.NextDouble())), 4);

                // A few planted spikes (one resource per team, three days, a month apart) so the timed runs also explain incidents.
                if (r < 10 && (d + (r * 3)) % 30 is 0 or 1 or 2)
                {
                    cost *= 400;
                }

                b.Add(new CostCubeFact(date, currency, teams[r % 10], provider, services[r % 30], category, regions[r % 8], accounts[r % 25],
                    billing, resources[r], usage, standard, cost, cost, cost, cost));
            }
        }

        return b.Build();
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>The query service over one in-memory snapshot, as the store answers once its cube is loaded.</summary>
    private sealed class EngineQueries(CostQueryEngine engine) : ICostQueryService
    {
        public Task<CostQueryResult> QueryAsync(CostQuery query, CancellationToken cancellationToken) => Task.FromResult(engine.Execute(query));

        public Task<IReadOnlyList<string>> GetDimensionValuesAsync(Dimension dimension, CancellationToken cancellationToken) =>
            Task.FromResult(engine.DimensionValues(dimension));

        public Task<DataCoverage?> GetCoverageAsync(CancellationToken cancellationToken) => Task.FromResult<DataCoverage?>(null);
    }
}
