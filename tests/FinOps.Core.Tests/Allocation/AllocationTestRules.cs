using FinOps.Core.Allocation;
using FinOps.Core.Query;

namespace FinOps.Core.Tests.Allocation;

internal static class AllocationTestRules
{
    public static AllocationRules Parse(string yaml) => AllocationRulesParser.Parse(yaml, "test.yaml");

    /// <summary>Team totals per currency for a period, through the real query engine.</summary>
    public static Dictionary<string, decimal> Teams(CostCube cube, AllocationRules rules, DateRange? period = null, CostMetric metric = CostMetric.EffectiveCost, string currency = "USD")
    {
        var engine = new CostQueryEngine(cube, new RuleBasedTeamAssignment(new AllocationRuleSource(rules)));
        var result = engine.Execute(new CostQuery { Metric = metric, Period = period ?? cube.Dates!, GroupBy = [Dimension.Team] });
        var c = result.ByCurrency.FirstOrDefault(r => r.Currency == currency);
        return c is null ? [] : c.Rows.ToDictionary(r => r.Key[0], r => r.Value, StringComparer.Ordinal);
    }
}
