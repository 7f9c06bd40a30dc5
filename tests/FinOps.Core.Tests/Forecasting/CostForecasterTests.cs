using FinOps.Core.Calendar;
using FinOps.Core.Forecasting;
using FinOps.Core.Query;

namespace FinOps.Core.Tests.Forecasting;

public sealed class CostForecasterTests
{
    private static readonly DateOnly December = new(2025, 12, 1);
    private static readonly DateOnly March = new(2026, 3, 1);
    private static readonly DateRange MarchRange = new(March, March.AddMonths(1));

    private readonly ForecastStore _store = new();

    private static void Near(decimal expected, decimal actual) => Assert.InRange(actual, expected - 0.01m, expected + 0.01m);

    private static bool IsWeekend(DateOnly d) => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private Task<IReadOnlyList<CostForecast>> ForecastAsync(DateRange period, DateOnly asOf, CostMetric metric = CostMetric.EffectiveCost, string? team = null) =>
        new CostForecaster(_store).ForecastAsync(
            new ForecastRequest(
                new CostQuery
                {
                    Metric = metric,
                    Period = period,
                    Filters = team is null ? new Dictionary<Dimension, IReadOnlyList<string>>() : new Dictionary<Dimension, IReadOnlyList<string>> { [Dimension.Team] = [team] },
                },
                period,
                asOf),
            CancellationToken.None);

    [Fact]
    public async Task ForecastAsync_WeekdaySeasonalityWeekendsLow_MonthTotalExact()
    {
        _store.Daily(December, new DateOnly(2026, 3, 10), d => IsWeekend(d) ? 20m : 100m);
        var truth = Enumerable.Range(0, 31).Select(i => March.AddDays(i)).Sum(d => IsWeekend(d) ? 20m : 100m);

        var forecast = Assert.Single(await ForecastAsync(MarchRange, new DateOnly(2026, 3, 10)));

        Assert.Equal("USD", forecast.Currency);
        Near(truth, forecast.Value);
        Assert.Equal(new DateOnly(2026, 3, 9), forecast.DataThrough);
        // A plain run-rate from Mar 1-9 (Sunday 1st, two weekends) would say 31 x 660 / 9 = 2,273.33: the rhythm matters.
        Assert.NotEqual(2273.33m, forecast.Value);
    }

    [Fact]
    public async Task ForecastAsync_MonthStartPurchase_PlacedOnceOnItsDay()
    {
        _store.Daily(December, new DateOnly(2026, 3, 3), _ => 100m);
        foreach (var month in new[] { December, December.AddMonths(1), December.AddMonths(2), March })
        {
            _store.Add(month, 0m, "Purchase", billed: 3000m);
        }

        var billed = Assert.Single(await ForecastAsync(MarchRange, new DateOnly(2026, 3, 3), CostMetric.BilledCost));
        var effective = Assert.Single(await ForecastAsync(MarchRange, new DateOnly(2026, 3, 3)));
        var april = Assert.Single(await ForecastAsync(new DateRange(March.AddMonths(1), March.AddMonths(2)), new DateOnly(2026, 3, 3), CostMetric.BilledCost));

        // Known on Mar 1 and counted once: 31 days x 100 + 3,000 (a run-rate from Mar 1-2 would say 49,600).
        Near(6100m, billed.Value);
        Assert.Equal(3200m, billed.Actual);
        Near(3100m, effective.Value);
        // A month not started yet gets the purchase on its 1st: 30 x 100 + 3,000.
        Near(6000m, april.Value);
    }

    [Fact]
    public async Task ForecastAsync_MonthEndTax_ForecastOnTheLastDayScaledByUsage()
    {
        _store.Daily(December, new DateOnly(2026, 3, 10), _ => 100m);
        _store.Add(new DateOnly(2025, 12, 31), 155m, "Tax").Add(new DateOnly(2026, 1, 31), 155m, "Tax").Add(new DateOnly(2026, 2, 28), 140m, "Tax");

        var forecast = Assert.Single(await ForecastAsync(MarchRange, new DateOnly(2026, 3, 10)));

        // February's 140 (5% of 2,800) on the 28th (its last day) becomes 5% of March's 3,100 on the 31st, once.
        Near(3100m + 155m, forecast.Value);
    }

    [Fact]
    public async Task ForecastAsync_FiscalQuarter_MonthStartPurchasePlacedInEachRemainingMonthEndExclusive()
    {
        // Fiscal year from February: Q1 FY2027 is Feb 1 - May 1 2026 (end exclusive).
        var quarter = new CostCalendar(2).Quarter(new DateOnly(2026, 2, 10));
        var asOf = new DateOnly(2026, 2, 10);
        _store.Daily(December, asOf, _ => 100m);
        foreach (var month in new[] { December, December.AddMonths(1), December.AddMonths(2) })
        {
            _store.Add(month, 0m, "Purchase", billed: 3000m);
        }

        var billed = Assert.Single(await ForecastAsync(quarter, asOf, CostMetric.BilledCost));

        Assert.Equal(new DateRange(new DateOnly(2026, 2, 1), new DateOnly(2026, 5, 1)), quarter);
        // 89 days x 100 + the purchase on Feb 1 (known), Mar 1 and Apr 1; none for May 1, the day after the quarter.
        Near((89 * 100m) + (3 * 3000m), billed.Value);
        Assert.Equal((9 * 100m) + 3000m, billed.Actual);
        Assert.True(billed.Low < billed.Value && billed.Value < billed.High, $"{billed.Low} < {billed.Value} < {billed.High}");
        // The purchases are known amounts on known days: the spread is the usage's alone, not scaled by them.
        Assert.True(billed.High - billed.Low < 80 * 100m * 0.5m, $"[{billed.Low}, {billed.High}]");
    }

    [Fact]
    public async Task ForecastAsync_FiscalYear_MonthEndTaxOnEveryRemainingMonthAndNoneAfterTheEnd()
    {
        // Fiscal year from July: FY2027 is Jul 1 2026 - Jul 1 2027; as of Jul 3 every later month end gets its tax.
        var year = new CostCalendar(7).FiscalYear(new DateOnly(2026, 7, 3));
        var asOf = new DateOnly(2026, 7, 3);
        _store.Daily(new DateOnly(2026, 1, 1), asOf, _ => 100m);
        for (var month = new DateOnly(2026, 1, 1); month < new DateOnly(2026, 7, 1); month = month.AddMonths(1))
        {
            var days = DateTime.DaysInMonth(month.Year, month.Month);
            _store.Add(month.AddDays(days - 1), days * 100m * 0.05m, "Tax");
        }

        var forecast = Assert.Single(await ForecastAsync(year, asOf));

        Assert.Equal(new DateRange(new DateOnly(2026, 7, 1), new DateOnly(2027, 7, 1)), year);
        // 365 days x 100, and 5% tax on each of the twelve month ends (Jun 30 2027 is the last one; Jul 31 2027 is outside).
        Near(365 * 100m * 1.05m, forecast.Value);
        Assert.Equal(200m, forecast.Actual);
    }

    [Fact]
    public async Task ForecastAsync_PartialCurrentDay_Ignored()
    {
        _store.Daily(December, new DateOnly(2026, 3, 10), _ => 100m);
        _store.Add(new DateOnly(2026, 3, 10), 7m);

        var forecast = Assert.Single(await ForecastAsync(MarchRange, new DateOnly(2026, 3, 10)));

        Assert.Equal(900m, forecast.Actual);
        Assert.Equal(new DateOnly(2026, 3, 9), forecast.DataThrough);
        Near(3100m, forecast.Value);
    }

    [Fact]
    public async Task ForecastAsync_ExportLagsBehindAsOf_MissingDaysForecastNotZero()
    {
        _store.Daily(December, new DateOnly(2026, 3, 8), _ => 100m);

        var forecast = Assert.Single(await ForecastAsync(MarchRange, new DateOnly(2026, 3, 10)));

        Assert.Equal(700m, forecast.Actual);
        Assert.Equal(new DateOnly(2026, 3, 7), forecast.DataThrough);
        Near(3100m, forecast.Value);
    }

    [Fact]
    public async Task ForecastAsync_DeterministicNoise_IntervalContainsTruth()
    {
        // A weekday rhythm, 0.1% growth a day and +-8% noise from a fixed sequence: the model knows none of it exactly.
        static decimal Day(DateOnly d)
        {
            var i = d.DayNumber - December.DayNumber;
            var noise = (decimal)Math.Sin(i * 2.39996) * 0.08m;
            return Math.Round((IsWeekend(d) ? 40m : 100m) * (1m + (0.001m * i)) * (1m + noise), 2);
        }

        var asOf = new DateOnly(2026, 3, 8);
        _store.Daily(December, asOf, Day);
        var truth = Enumerable.Range(0, 31).Select(i => March.AddDays(i)).Sum(Day);

        var forecast = Assert.Single(await ForecastAsync(MarchRange, asOf));

        Assert.InRange(truth, forecast.Low, forecast.High);
        Assert.True(forecast.Low < forecast.Value && forecast.Value < forecast.High, $"{forecast.Low} < {forecast.Value} < {forecast.High}");
        // Not a vacuous interval: within 10% of the forecast either way.
        Assert.True(forecast.High - forecast.Low < forecast.Value * 0.2m, $"[{forecast.Low}, {forecast.High}]");
    }

    [Fact]
    public async Task ForecastAsync_SmoothSumOfTwentyTeamsOneShiftsAfterAsOf_IntervalContainsTruth()
    {
        // Twenty perfectly steady teams: the company's history has no error to learn from, yet one team stepping up by
        // 30% for the rest of the month (1.5% of the remaining total) is an ordinary month for a company.
        var asOf = new DateOnly(2026, 3, 8);
        for (var t = 0; t < 20; t++)
        {
            _store.Daily(December, asOf, _ => 100m, team: $"team-{t:00}");
        }

        var remaining = MarchRange.End.DayNumber - asOf.DayNumber;
        var truth = (31 * 20 * 100m) + (remaining * 30m);

        var company = Assert.Single(await ForecastAsync(MarchRange, asOf));
        var team = Assert.Single(await ForecastAsync(MarchRange, asOf, team: "team-00"));

        Near(31 * 20 * 100m, company.Value);
        Assert.InRange(truth, company.Low, company.High);
        // The sum of several teams is floored at +-2% of the remaining usage; one steady team keeps the narrower +-1%.
        Near(remaining * 20 * 100m * 0.02m, company.High - company.Value);
        Near(remaining * 100m * 0.01m, team.High - team.Value);
    }

    [Fact]
    public async Task ForecastAsync_FiscalYearNoisyGrowth_IntervalTwoSidedAndContainsTruth()
    {
        // The noisy, growing series of the month test, forecast for a whole fiscal year a week in: the remaining 358 days
        // are judged by month-long backtest sums (overlapping windows of 100+ days would be nearly one sample).
        static decimal Day(DateOnly d)
        {
            var i = d.DayNumber - December.DayNumber;
            var noise = (decimal)Math.Sin(i * 2.39996) * 0.08m;
            return Math.Round((IsWeekend(d) ? 40m : 100m) * (1m + (0.001m * i)) * (1m + noise), 2);
        }

        var year = new CostCalendar(7).FiscalYear(new DateOnly(2026, 7, 8));
        var asOf = new DateOnly(2026, 7, 8);
        _store.Daily(December, asOf, Day);
        var truth = Enumerable.Range(0, year.Days).Select(i => year.Start.AddDays(i)).Sum(Day);

        var forecast = Assert.Single(await ForecastAsync(year, asOf));

        Assert.InRange(truth, forecast.Low, forecast.High);
        // Two-sided: each end at least 2% of the forecast away, and not vacuous (within 40% either way).
        Assert.True(forecast.Value - forecast.Low > forecast.Value * 0.02m, $"{forecast.Low} < {forecast.Value}");
        Assert.True(forecast.High - forecast.Value > forecast.Value * 0.02m, $"{forecast.Value} < {forecast.High}");
        Assert.True(forecast.High - forecast.Low < forecast.Value * 0.8m, $"[{forecast.Low}, {forecast.High}]");
    }

    [Fact]
    public async Task ForecastAsync_TwoCurrencies_OneForecastEachLargestFirst()
    {
        _store.Daily(December, new DateOnly(2026, 3, 10), _ => 100m);
        _store.Daily(December, new DateOnly(2026, 3, 10), _ => 10m, currency: "EUR");

        var forecasts = await ForecastAsync(MarchRange, new DateOnly(2026, 3, 10));

        Assert.Equal(["USD", "EUR"], forecasts.Select(f => f.Currency));
        Near(3100m, forecasts[0].Value);
        Near(310m, forecasts[1].Value);
        Assert.Equal(90m, forecasts[1].Actual);
    }

    [Fact]
    public async Task ForecastAsync_TeamFilter_ForecastsOnlyThatTeam()
    {
        _store.Daily(December, new DateOnly(2026, 3, 10), _ => 100m);
        _store.Daily(December, new DateOnly(2026, 3, 10), _ => 50m, team: "search");

        var forecast = Assert.Single(await ForecastAsync(MarchRange, new DateOnly(2026, 3, 10), team: "search"));

        Near(1550m, forecast.Value);
    }

    [Fact]
    public async Task ForecastAsync_PeriodAlreadyComplete_ActualWithoutSpread()
    {
        _store.Daily(December, new DateOnly(2026, 3, 10), _ => 100m);

        var forecast = Assert.Single(await ForecastAsync(new DateRange(new DateOnly(2026, 2, 1), March), new DateOnly(2026, 3, 10)));

        Assert.Equal(new CostForecast("USD", 2800m, 2800m, 2800m, 2800m, new DateOnly(2026, 2, 28)), forecast);
    }

    [Fact]
    public async Task ForecastAsync_NoData_Empty()
    {
        Assert.Empty(await ForecastAsync(MarchRange, new DateOnly(2026, 3, 10)));

        _store.Daily(December, new DateOnly(2026, 3, 10), _ => 100m);
        Assert.Empty(await ForecastAsync(MarchRange, new DateOnly(2026, 3, 10), team: "nobody"));
    }
}
