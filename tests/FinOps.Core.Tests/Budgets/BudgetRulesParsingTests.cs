using FinOps.Core.Allocation;
using FinOps.Core.Budgets;
using FinOps.Core.Query;

namespace FinOps.Core.Tests.Budgets;

public sealed class BudgetRulesParsingTests
{
    private const string Teams = "version: 1\nteams:\n  - key: payments\n    aliases: [pay]\n  - key: search\n";

    [Fact]
    public void Parse_BudgetsSection_ReadsEveryFieldWithDefaults()
    {
        var rules = AllocationRulesParser.Parse(
            Teams + """
            budgets:
              - team: pay
                amount: 25000
              - id: search-aws
                scope: { team: search, provider: [AWS] }
                amount: 60000.50
                period: quarter
                metric: billedcost
                currency: eur
                thresholds: { actual: [50, 90], forecast: 110 }
            """,
            "allocation.yaml");

        var payments = rules.Budgets[0];
        Assert.Equal("payments-month", payments.Id);
        Assert.Equal("payments", payments.Team);
        Assert.Equal(BudgetPeriod.Month, payments.Period);
        Assert.Equal(CostMetric.EffectiveCost, payments.Metric);
        Assert.Equal("USD", payments.Currency);
        Assert.Equal(["actual-80", "actual-100", "forecast-100"], payments.Thresholds.Select(t => t.Key));

        var search = rules.Budgets[1];
        Assert.Equal("search-aws", search.Id);
        Assert.Equal("search", search.Team);
        Assert.Equal(["AWS"], search.Scope[Dimension.Provider]);
        Assert.Equal(60000.50m, search.Amount);
        Assert.Equal(BudgetPeriod.Quarter, search.Period);
        Assert.Equal(CostMetric.BilledCost, search.Metric);
        Assert.Equal("EUR", search.Currency);
        Assert.Equal(["actual-50", "actual-90", "forecast-110"], search.Thresholds.Select(t => t.Key));
    }

    [Theory]
    [InlineData("  - team: paymnets\n    amount: 5\n", 7, "budgets[0].team", "unknown team 'paymnets'")]
    [InlineData("  - team: payments\n    amount: 5\n    period: week\n", 9, "budgets[0].period", "'week' is not a budget period")]
    [InlineData("  - team: payments\n", 7, "budgets[0].amount", "missing")]
    [InlineData("  - team: payments\n    amount: -5\n", 8, "budgets[0].amount", "must be positive")]
    [InlineData("  - team: payments\n    amount: 5\n    metric: ListCost\n", 9, "budgets[0].metric", "EffectiveCost or BilledCost")]
    [InlineData("  - team: payments\n    amount: 5\n    currency: dollars\n", 9, "budgets[0].currency", "ISO 4217")]
    [InlineData("  - team: payments\n    amount: 5\n    thresholds: { actual: [80, 0] }\n", 9, "budgets[0].thresholds.actual[1]", "percentage")]
    [InlineData("  - team: payments\n    amount: 5\n    owner: me\n", 9, "budgets[0].owner", "unknown field")]
    [InlineData("  - scope: { provider: AWS }\n    amount: 5\n", 7, "budgets[0].id", "needs an id")]
    [InlineData("  - scope: { colour: blue }\n    amount: 5\n    id: x\n", 7, "budgets[0].scope.colour", "unknown dimension")]
    [InlineData("  - team: payments\n    amount: 5\n  - team: payments\n    amount: 6\n", 9, "budgets[1].id", "declared twice")]
    public void Parse_BadBudget_ErrorNamesFileLineAndField(string budgets, int line, string field, string problem)
    {
        var error = Assert.Throws<AllocationRulesException>(() => AllocationRulesParser.Parse(Teams + "budgets:\n" + budgets, "/etc/finops/allocation.yaml"));

        Assert.Equal("/etc/finops/allocation.yaml", error.File);
        Assert.Equal(line, error.Line);
        Assert.Equal(field, error.Field);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"/etc/finops/allocation.yaml:{line}:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseFile_DemoRules_HaveBudgets()
    {
        var rules = AllocationRulesParser.ParseFile(Path.Combine(AppContext.BaseDirectory, "TestData", "allocation.demo.yaml"));

        Assert.Equal(["payments-month", "checkout-quarter", "search-month"], rules.Budgets.Select(b => b.Id));
    }
}
