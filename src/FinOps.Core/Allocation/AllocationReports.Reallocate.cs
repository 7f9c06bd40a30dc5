using FinOps.Core.Calendar;
using FinOps.Core.Query;

namespace FinOps.Core.Allocation;

public static partial class AllocationReports
{
    /// <summary>Re-allocates the whole history with <paramref name="after"/> and reports what moved compared to <paramref name="before"/>.</summary>
    /// <remarks>Teams are compared per calendar month and currency; the affected period runs from the first to the last month that changed.</remarks>
    public static ReallocationReport Reallocate(CostCube cube, AllocationRules before, AllocationRules after, CostMetric metric = CostMetric.EffectiveCost)
    {
        ArgumentNullException.ThrowIfNull(cube);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var beforeName = Describe(before);
        var afterName = Describe(after);
        if (cube.Dates is not { } dates)
        {
            return new ReallocationReport(beforeName, afterName, metric, null, []);
        }

        var old = Monthly(cube, before, metric, dates);
        var @new = Monthly(cube, after, metric, dates);
        DateOnly? first = null, last = null;
        foreach (var key in old.Keys.Union(@new.Keys))
        {
            if (old.GetValueOrDefault(key) != @new.GetValueOrDefault(key))
            {
                first = first is null || key.Month < first ? key.Month : first;
                last = last is null || key.Month > last ? key.Month : last;
            }
        }

        if (first is null)
        {
            return new ReallocationReport(beforeName, afterName, metric, null, []);
        }

        var start = first.Value < dates.Start ? dates.Start : first.Value;
        var end = CostCalendar.NextBucket(last!.Value, Granularity.Month);
        var affected = new DateRange(start, end > dates.End ? dates.End : end);
        var moves = old.Keys.Union(@new.Keys)
            .Where(k => k.Month >= first && k.Month <= last)
            .GroupBy(k => (k.Team, k.Currency))
            .Select(g => new TeamMove(g.Key.Team, g.Key.Currency, g.Sum(k => old.GetValueOrDefault(k)), g.Sum(k => @new.GetValueOrDefault(k))))
            .Where(m => m.Before != 0 || m.After != 0)
            .OrderBy(m => m.Currency, StringComparer.Ordinal)
            .ThenByDescending(m => Math.Abs(m.Change))
            .ThenBy(m => m.Team, StringComparer.Ordinal)
            .ToList();
        return new ReallocationReport(beforeName, afterName, metric, affected, moves);
    }

    private static string Describe(AllocationRules rules) =>
        rules.Revision is { } revision ? $"{rules.Source} (revision {revision})" : rules.Source;

    private static Dictionary<(string Team, string Currency, DateOnly Month), decimal> Monthly(CostCube cube, AllocationRules rules, CostMetric metric, DateRange dates)
    {
        var engine = new CostQueryEngine(cube, new FixedAssignment(AllocationComputation.Run(cube, metric, rules, record: false).Allocation, metric));
        var result = engine.Execute(new CostQuery { Metric = metric, Period = dates, GroupBy = [Dimension.Team], Granularity = Granularity.Month });
        var sums = new Dictionary<(string, string, DateOnly), decimal>();
        foreach (var currency in result.ByCurrency)
        {
            foreach (var row in currency.Rows)
            {
                sums[(row.Key[0], currency.Currency, row.Bucket!.Value)] = row.Value;
            }
        }

        return sums;
    }
}
