using FinOps.Core.Query;

namespace FinOps.Core.Allocation;

public static partial class AllocationReports
{
    /// <summary>Allocation coverage per currency over <paramref name="period"/>: by tag, by hierarchy, by shared split, unallocated.</summary>
    /// <remarks><paramref name="top"/> is how many unallocated resources and services to list.</remarks>
    public static IReadOnlyList<AllocationCoverage> Coverage(CostCube cube, AllocationRules rules, CostMetric metric, DateRange period, int top = 10)
    {
        ArgumentNullException.ThrowIfNull(cube);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(period);
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        var outcome = AllocationComputation.Run(cube, metric, rules, record: true);
        var currencies = cube.CurrencyValues.Length;
        var byKind = new decimal[currencies, 4];
        var resourceCodes = cube.ColumnCodes[(int)DimensionKind.Resource];
        var serviceCodes = cube.ColumnCodes[(int)DimensionKind.Service];
        var byResource = new Dictionary<(int Currency, int Code), decimal>();
        var byService = new Dictionary<(int Currency, int Code), decimal>();
        var seen = new bool[currencies];
        var lo = cube.LowerBound(period.Start.DayNumber);
        var hi = cube.LowerBound(period.End.DayNumber);
        for (var i = lo; i < hi; i++)
        {
            var currency = cube.CurrencyColumn[i];
            var kind = outcome.RuleKinds[outcome.RuleOfFact![i]];
            var amount = cube.Amount(metric, i);
            seen[currency] = true;
            byKind[currency, (int)kind] += amount;
            if (kind == AllocationRuleKind.Unallocated)
            {
                byResource[(currency, resourceCodes[i])] = byResource.GetValueOrDefault((currency, resourceCodes[i])) + amount;
                byService[(currency, serviceCodes[i])] = byService.GetValueOrDefault((currency, serviceCodes[i])) + amount;
            }
        }

        var result = new List<AllocationCoverage>();
        for (var c = 0; c < currencies; c++)
        {
            if (!seen[c])
            {
                continue;
            }

            var tag = byKind[c, (int)AllocationRuleKind.Tag];
            var hierarchy = byKind[c, (int)AllocationRuleKind.Hierarchy];
            var shared = byKind[c, (int)AllocationRuleKind.SharedPool];
            var unallocated = byKind[c, (int)AllocationRuleKind.Unallocated];
            result.Add(new AllocationCoverage(
                cube.CurrencyValues[c],
                tag + hierarchy + shared + unallocated,
                tag,
                hierarchy,
                shared,
                unallocated,
                Top(byResource, c, cube.ValueArray(DimensionKind.Resource), top),
                Top(byService, c, cube.ValueArray(DimensionKind.Service), top)));
        }

        return [.. result.OrderBy(r => r.Currency, StringComparer.Ordinal)];
    }

    private static List<CoverageItem> Top(Dictionary<(int Currency, int Code), decimal> sums, int currency, string[] labels, int top) =>
    [
        .. sums.Where(kv => kv.Key.Currency == currency && kv.Value != 0)
            .OrderByDescending(kv => kv.Value)
            .ThenBy(kv => labels[kv.Key.Code], StringComparer.Ordinal)
            .Take(top)
            .Select(kv => new CoverageItem(labels[kv.Key.Code], kv.Value)),
    ];
}
