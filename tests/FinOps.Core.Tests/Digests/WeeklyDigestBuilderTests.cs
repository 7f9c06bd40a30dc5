using System.Globalization;
using FinOps.Core.Digests;
using FinOps.Core.Query;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Core.Tests.Digests;

public sealed class WeeklyDigestBuilderTests
{
    // Wednesday 14 January 2026: the last full ISO week is Monday 5 to Sunday 11 January; the week before starts 29 December.
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 1, 14, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void LastFullWeek_Monday_IsTheWeekThatJustEnded()
    {
        var week = WeeklyDigestBuilder.LastFullWeek(new DateOnly(2026, 1, 12));

        Assert.Equal(new DateRange(new DateOnly(2026, 1, 5), new DateOnly(2026, 1, 12)), week);
    }

    [Fact]
    public void LastFullWeek_Sunday_IsThePreviousWeekNotTheUnfinishedOne()
    {
        var week = WeeklyDigestBuilder.LastFullWeek(new DateOnly(2026, 1, 11));

        Assert.Equal(new DateRange(new DateOnly(2025, 12, 29), new DateOnly(2026, 1, 5)), week);
    }

    [Fact]
    public async Task BuildAsync_SmallCube_TotalsWeekAgainstWeekBefore()
    {
        var digest = await Builder().BuildAsync("payments", "Payments", CancellationToken.None);

        Assert.Equal(new DateOnly(2026, 1, 5), digest.Week.Start);
        Assert.Equal(new DateOnly(2025, 12, 29), digest.PreviousWeek.Start);
        var usd = Assert.Single(digest.ByCurrency, c => c.Currency == "USD");
        Assert.Equal(10m + 5.5m + 40m, usd.Total);
        Assert.Equal(8m + 2m, usd.PreviousTotal);
    }

    [Fact]
    public async Task BuildAsync_SmallCube_KeepsCurrenciesApart()
    {
        var digest = await Builder().BuildAsync("payments", "Payments", CancellationToken.None);

        Assert.Equal(["EUR", "USD"], digest.ByCurrency.Select(c => c.Currency));
        var eur = digest.ByCurrency.Single(c => c.Currency == "EUR");
        Assert.Equal(7m, eur.Total);
        Assert.Equal(0m, eur.PreviousTotal);
    }

    [Fact]
    public async Task BuildAsync_SmallCube_TopServicesOrderedWithChange()
    {
        var digest = await Builder().BuildAsync("payments", "Payments", CancellationToken.None);

        var usd = digest.ByCurrency.Single(c => c.Currency == "USD");
        Assert.Equal(["RDS", "EC2", "S3"], usd.TopServices.Select(s => s.Name));
        var ec2 = usd.TopServices.Single(s => s.Name == "EC2");
        Assert.Equal(10m, ec2.Current);
        Assert.Equal(8m, ec2.Previous);
        Assert.Equal(2m, ec2.Change);
    }

    [Fact]
    public async Task BuildAsync_SmallCube_DailyTrendHasSevenDaysWithSameWeekdayBefore()
    {
        var digest = await Builder().BuildAsync("payments", "Payments", CancellationToken.None);

        var days = digest.ByCurrency.Single(c => c.Currency == "USD").DailyTrend;
        Assert.Equal(7, days.Count);
        Assert.Equal(new DateOnly(2026, 1, 5), days[0].Date);
        Assert.Equal(10m, days[0].Value);
        Assert.Equal(8m, days[0].PreviousValue);
        Assert.Equal(5.5m, days[1].Value);
        Assert.Equal(2m, days[1].PreviousValue);
        Assert.Equal(40m, days[6].Value);
    }

    [Fact]
    public async Task BuildAsync_SmallCube_TopMoversAreResourcesByAbsoluteChange()
    {
        var digest = await Builder().BuildAsync("payments", "Payments", CancellationToken.None);

        var movers = digest.ByCurrency.Single(c => c.Currency == "USD").TopMovers;
        Assert.Equal(["db-1", "bucket-a", "i-1"], movers.Select(m => m.Name));
        Assert.Equal(3.5m, movers.Single(m => m.Name == "bucket-a").Change);
        Assert.All(movers, m => Assert.Equal("resource", m.Kind));
    }

    [Fact]
    public async Task BuildAsync_OtherTeamsCostIgnored_TeamWithoutCostIsEmpty()
    {
        var digest = await Builder().BuildAsync("growth", "Growth", CancellationToken.None);

        Assert.True(digest.IsEmpty);
    }

    [Fact]
    public async Task BuildAsync_TeamCountsAMetricAllWeek_AddsUnitCostWithWeekBefore()
    {
        var metrics = new Metrics();
        metrics.Daily("transactions", "payments", new DateOnly(2025, 12, 29), new DateOnly(2026, 1, 11), 10m);
        metrics.Daily("orders", "payments", new DateOnly(2026, 1, 5), new DateOnly(2026, 1, 7), 10m);
        metrics.Daily("orders", null, new DateOnly(2025, 12, 29), new DateOnly(2026, 1, 11), 10m);
        metrics.Daily("searches", "search", new DateOnly(2025, 12, 29), new DateOnly(2026, 1, 11), 10m);

        var digest = await new WeeklyDigestBuilder(new EngineQueryService(Cube()), Clock, metrics).BuildAsync("payments", "Payments", CancellationToken.None);

        // Only the team's own metric counted every day of the week: orders (3 days) and company-wide or other teams' metrics are left out.
        var unit = Assert.Single(digest.UnitCosts);
        Assert.Equal("transactions", unit.Metric);
        Assert.Equal("USD", unit.Currency);
        Assert.Equal(55.5m, unit.Cost);
        Assert.Equal(70m, unit.Volume);
        Assert.Equal(55.5m / 70m, unit.Value);
        Assert.Equal(10m / 70m, unit.PreviousValue);
    }

    [Fact]
    public async Task BuildAsync_NoMetrics_HasNoUnitCosts()
    {
        var digest = await Builder().BuildAsync("payments", "Payments", CancellationToken.None);

        Assert.Empty(digest.UnitCosts);
    }

    private sealed class Metrics : FinOps.Core.UnitEconomics.IBusinessMetrics
    {
        private readonly List<FinOps.Core.UnitEconomics.BusinessMetricValue> _values = [];

        public void Daily(string metric, string? team, DateOnly first, DateOnly last, decimal value)
        {
            for (var d = first; d <= last; d = d.AddDays(1))
            {
                _values.Add(new(d, metric, team, value));
            }
        }

        public Task<IReadOnlyList<FinOps.Core.UnitEconomics.BusinessMetricSeries>> GetSeriesAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<FinOps.Core.UnitEconomics.BusinessMetricSeries>>(
                _values.GroupBy(v => (v.Metric, v.Team)).Select(g => new FinOps.Core.UnitEconomics.BusinessMetricSeries(g.Key.Metric, g.Key.Team, g.Min(v => v.Date), g.Max(v => v.Date), g.Count())).ToArray());

        public Task<IReadOnlyList<FinOps.Core.UnitEconomics.BusinessMetricValue>> GetValuesAsync(string metric, string? team, DateRange period, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<FinOps.Core.UnitEconomics.BusinessMetricValue>>(_values.Where(v => v.Metric == metric && v.Team == team && period.Contains(v.Date)).ToArray());
    }

    private static WeeklyDigestBuilder Builder() => new(new EngineQueryService(Cube()), Clock);

    private static CostQueryEngine Cube()
    {
        var b = new CostCubeBuilder();
        Add(b, "2025-12-29", "EC2", "i-1", "payments", "USD", 8m);
        Add(b, "2025-12-30", "S3", "bucket-a", "payments", "USD", 2m);
        Add(b, "2026-01-05", "EC2", "i-1", "payments", "USD", 10m);
        Add(b, "2026-01-06", "S3", "bucket-a", "payments", "USD", 5.5m);
        Add(b, "2026-01-11", "RDS", "db-1", "payments", "USD", 40m);
        Add(b, "2026-01-07", "BigQuery", "bq", "payments", "EUR", 7m);
        Add(b, "2026-01-07", "EC2", "i-9", "search", "USD", 999m);
        Add(b, "2026-01-12", "EC2", "i-1", "payments", "USD", 1000m); // this week: not in the digest
        return new CostQueryEngine(b.Build(), new TagTeamAssignment());
    }

    private static void Add(CostCubeBuilder b, string date, string service, string resource, string team, string currency, decimal cost) =>
        b.Add(new CostCubeFact(
            DateOnly.Parse(date, CultureInfo.InvariantCulture),
            b.AddCurrency(currency),
            b.AddTagSet(new Dictionary<string, string> { ["team"] = team }),
            b.AddValue(DimensionKind.Provider, "AWS"),
            b.AddValue(DimensionKind.Service, service),
            b.AddValue(DimensionKind.Category, "Compute"),
            b.AddValue(DimensionKind.Region, "us-east-1"),
            b.AddValue(DimensionKind.Account, "acct"),
            b.AddValue(DimensionKind.BillingAccount, "billing"),
            b.AddValue(DimensionKind.Resource, resource),
            b.AddValue(DimensionKind.ChargeCategory, "Usage"),
            b.AddValue(DimensionKind.PricingCategory, "Standard"),
            cost,
            cost,
            cost,
            cost));

    private sealed class EngineQueryService(CostQueryEngine engine) : ICostQueryService
    {
        public Task<CostQueryResult> QueryAsync(CostQuery query, CancellationToken cancellationToken) => Task.FromResult(engine.Execute(query));

        public Task<IReadOnlyList<string>> GetDimensionValuesAsync(Dimension dimension, CancellationToken cancellationToken) =>
            Task.FromResult(engine.DimensionValues(dimension));

        public Task<DataCoverage?> GetCoverageAsync(CancellationToken cancellationToken) => Task.FromResult<DataCoverage?>(null);
    }
}
