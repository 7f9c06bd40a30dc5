using FinOps.Core.Budgets;
using FinOps.Core.Calendar;
using FinOps.Core.Query;

namespace FinOps.Core.Tests.Budgets;

public sealed class BudgetDefinitionTests
{
    [Theory]
    [InlineData(BudgetPeriod.Month, 1, "2026-11-01", "2026-12-01")]
    [InlineData(BudgetPeriod.Quarter, 1, "2026-10-01", "2027-01-01")]
    [InlineData(BudgetPeriod.Year, 1, "2026-01-01", "2027-01-01")]
    [InlineData(BudgetPeriod.Month, 7, "2026-11-01", "2026-12-01")]
    [InlineData(BudgetPeriod.Quarter, 7, "2026-10-01", "2027-01-01")]
    [InlineData(BudgetPeriod.Year, 7, "2026-07-01", "2027-07-01")]
    [InlineData(BudgetPeriod.Quarter, 2, "2026-11-01", "2027-02-01")]
    [InlineData(BudgetPeriod.Year, 2, "2026-02-01", "2027-02-01")]
    [InlineData(BudgetPeriod.Year, 12, "2025-12-01", "2026-12-01")]
    public void PeriodContaining_FiscalYearStart_FollowsTheFiscalCalendar(BudgetPeriod period, int fiscalStart, string start, string end)
    {
        var budget = BudgetDefinition.ForTeam("payments", 100m, period);

        var range = budget.PeriodContaining(new DateOnly(2026, 11, 23), new CostCalendar(fiscalStart));

        Assert.Equal(new DateRange(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture)), range);
    }

    [Fact]
    public void PeriodContaining_LastDayOfFiscalYear_StaysInThatYear()
    {
        var budget = BudgetDefinition.ForTeam("payments", 100m, BudgetPeriod.Year);

        var range = budget.PeriodContaining(new DateOnly(2027, 6, 30), new CostCalendar(7));

        Assert.Equal(new DateRange(new DateOnly(2026, 7, 1), new DateOnly(2027, 7, 1)), range);
    }

    [Fact]
    public void ForTeam_Defaults_EffectiveCostUsdMonthlyWithDefaultThresholds()
    {
        var budget = BudgetDefinition.ForTeam(" Payments ", 25_000m);

        Assert.Equal("payments-month", budget.Id);
        Assert.Equal("payments", budget.Team);
        Assert.Equal(["payments"], budget.Scope[Dimension.Team]);
        Assert.Equal(CostMetric.EffectiveCost, budget.Metric);
        Assert.Equal("USD", budget.Currency);
        Assert.Equal(["actual-80", "actual-100", "forecast-100"], budget.Thresholds.Select(t => t.Key));
    }

    [Theory]
    [InlineData(0, "USD", CostMetric.EffectiveCost, "amount")]
    [InlineData(10, "dollars", CostMetric.EffectiveCost, "currency")]
    [InlineData(10, "USD", CostMetric.ListCost, "metric")]
    public void Validate_BadField_ThrowsNamingIt(int amount, string currency, CostMetric metric, string field)
    {
        var budget = BudgetDefinition.ForTeam("payments", 1m) with { Amount = amount, Currency = currency, Metric = metric };

        var error = Assert.Throws<ArgumentException>(budget.Validate);

        Assert.StartsWith(field + ":", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_RoundTrip_EqualBudget()
    {
        var budget = BudgetDefinition.ForTeam("payments", 60_000.5m, BudgetPeriod.Quarter, CostMetric.BilledCost, "EUR") with
        {
            Scope = new Dictionary<Dimension, IReadOnlyList<string>> { [Dimension.Team] = ["payments"], [Dimension.Tag("env")] = ["prod", "stage"] },
            ForecastThresholds = [90m, 110m],
        };

        var read = BudgetJson.Deserialize(BudgetJson.Serialize(budget));

        Assert.Equal(budget, read);
        Assert.Equal(["prod", "stage"], read.Scope[Dimension.Tag("env")]);
        Assert.NotEqual(budget with { Amount = 1m }, read);
    }

    [Fact]
    public void Equals_SameAmountWrittenWithDecimals_Equal() =>
        Assert.Equal(BudgetDefinition.ForTeam("payments", 25_000m), BudgetDefinition.ForTeam("payments", 25_000.00m));

    [Theory]
    [InlineData("25000", 25000, null)]
    [InlineData("25,000", 25000, null)]
    [InlineData("$25k", 25000, "USD")]
    [InlineData("€1.5m", 1500000, "EUR")]
    [InlineData("25000 eur", 25000, "EUR")]
    [InlineData("£2,500.50", 2500.50, "GBP")]
    public void TryParse_Amounts_AsPeopleWriteThem(string text, double expected, string? currency)
    {
        Assert.True(BudgetAmount.TryParse(text, out var amount, out var code));

        Assert.Equal((decimal)expected, amount);
        Assert.Equal(currency, code);
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("-5")]
    [InlineData("0")]
    [InlineData("")]
    public void TryParse_NotAnAmount_False(string text) => Assert.False(BudgetAmount.TryParse(text, out _, out _));
}
