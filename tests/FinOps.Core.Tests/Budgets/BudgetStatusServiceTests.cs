using FinOps.Core.Allocation;
using FinOps.Core.Budgets;
using FinOps.Core.Calendar;
using FinOps.Core.Query;
using FinOps.Testing.Budgets;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Core.Tests.Budgets;

public sealed class BudgetStatusServiceTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 11);

    [Fact]
    public async Task EvaluateAsync_KnownDays_ActualSumsDaysBeforeAsOfInBudgetCurrencyOnly()
    {
        var status = await Service().EvaluateAsync(BudgetDefinition.ForTeam("payments", 1_000m), AsOf, default);

        // 10 days of 20 USD (1 to 10 November); the 11th (partial) and the EUR costs are not counted.
        Assert.Equal(200m, status.Actual);
        Assert.Equal(new DateRange(new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 1)), status.Period);
        Assert.Equal(BudgetState.Ok, status.State);
        Assert.Null(status.Forecast);
    }

    [Fact]
    public async Task EvaluateAsync_ForecastAboveLimit_AtRiskWithInterval()
    {
        var status = await Service(forecast: true).EvaluateAsync(BudgetDefinition.ForTeam("payments", 500m), AsOf, default);

        Assert.Equal(600m, status.Forecast!.Value);
        Assert.Equal(560m, status.Forecast.Low);
        Assert.Equal(640m, status.Forecast.High);
        Assert.Equal(BudgetState.AtRisk, status.State);
    }

    [Fact]
    public async Task EvaluateAsync_ActualAboveLimit_Over()
    {
        var status = await Service(forecast: true).EvaluateAsync(BudgetDefinition.ForTeam("payments", 150m), AsOf, default);

        Assert.Equal(BudgetState.Over, status.State);
    }

    [Fact]
    public async Task EvaluateAsync_ApprovedIncrease_RaisesEffectiveLimitAndClearsRisk()
    {
        var status = await Service(forecast: true, increase: 200m).EvaluateAsync(BudgetDefinition.ForTeam("payments", 500m), AsOf, default);

        Assert.Equal(200m, status.ApprovedIncrease);
        Assert.Equal(700m, status.EffectiveLimit);
        Assert.Equal(BudgetState.Ok, status.State);
    }

    [Fact]
    public async Task EvaluateAsync_BilledCostMetric_SumsBilledCost()
    {
        var status = await Service().EvaluateAsync(BudgetDefinition.ForTeam("payments", 1_000m, metric: CostMetric.BilledCost), AsOf, default);

        Assert.Equal(250m, status.Actual);
    }

    [Fact]
    public async Task GetDriversAsync_ServicesGrew_LargestChangeFirstAgainstSameDaysOfPreviousPeriod()
    {
        var drivers = await Service().GetDriversAsync(BudgetDefinition.ForTeam("payments", 1_000m), AsOf, 3, default);

        var top = drivers[0];
        Assert.Equal(Dimension.Service, top.Dimension);
        Assert.Equal("EC2", top.Value);
        Assert.Equal(150m, top.Current);
        Assert.Equal(50m, top.Previous);
        Assert.Equal("RDS", drivers[1].Value);
        Assert.Equal(50m, drivers[1].Change);
        Assert.Contains(drivers, d => d.Dimension == Dimension.Account && d.Value == "payments-acct" && d.Change == 150m);
        Assert.DoesNotContain(drivers, d => d.Value == "search-acct");
    }

    [Fact]
    public async Task GetStatusAsync_RulesBudgets_SyncedFirst()
    {
        var store = new InMemoryBudgetStore(new FakeTimeProvider());
        var rules = new AllocationRuleSource(AllocationRulesParser.Parse(
            "version: 1\nteams:\n  - key: payments\nbudgets:\n  - team: payments\n    amount: 150\n", "allocation.yaml"));
        using var sync = new BudgetRulesSync(store, rules);
        var service = new BudgetStatusService(store, Costs(), new CostCalendar(), sync);

        var status = Assert.Single(await service.GetStatusAsync(AsOf, default));

        Assert.Equal("payments-month", status.BudgetId);
        Assert.Equal(BudgetState.Over, status.State);
        Assert.Equal(BudgetChangeSource.Rules, Assert.Single(await store.ListChangesAsync(null, default)).Source);
    }

    private static BudgetStatusService Service(bool forecast = false, decimal increase = 0m)
    {
        var costs = Costs();
        return new BudgetStatusService(
            new InMemoryBudgetStore(new FakeTimeProvider()),
            costs,
            new CostCalendar(),
            null,
            forecast ? new RunRateCostForecaster(costs) : null,
            increase == 0 ? null : new FixedIncreases(increase));
    }

    /// <summary>
    /// Payments: 20 USD effective (25 billed) every day of November: EC2 10 and RDS 10 from the 6th, EC2 more before;
    /// October 1-10 had EC2 only (5 a day); also 100 EUR on 2 November and search's own costs.
    /// </summary>
    private static EngineQueryService Costs()
    {
        var b = new CostCubeBuilder();
        for (var day = new DateOnly(2026, 11, 1); day < new DateOnly(2026, 11, 12); day = day.AddDays(1))
        {
            var rds = day.Day >= 6 ? 10m : 0m;
            Fact(b, day, "payments", "EC2", "USD", 20m - rds, 25m - rds);
            if (rds > 0)
            {
                Fact(b, day, "payments", "RDS", "USD", rds, rds);
            }

            Fact(b, day, "search", "VM", "USD", 7m, 7m);
        }

        for (var day = new DateOnly(2026, 10, 1); day < new DateOnly(2026, 10, 11); day = day.AddDays(1))
        {
            Fact(b, day, "payments", "EC2", "USD", 5m, 5m);
        }

        Fact(b, new DateOnly(2026, 11, 2), "payments", "BigQuery", "EUR", 100m, 100m);
        return new EngineQueryService(new CostQueryEngine(b.Build(), new TagTeamAssignment()));
    }

    private static void Fact(CostCubeBuilder b, DateOnly date, string team, string service, string currency, decimal effective, decimal billed) =>
        b.Add(new CostCubeFact(
            date,
            b.AddCurrency(currency),
            b.AddTagSet(new Dictionary<string, string> { ["team"] = team }),
            b.AddValue(DimensionKind.Provider, "AWS"),
            b.AddValue(DimensionKind.Service, service),
            b.AddValue(DimensionKind.Category, "Compute"),
            b.AddValue(DimensionKind.Region, "us-east-1"),
            b.AddValue(DimensionKind.Account, team + "-acct"),
            b.AddValue(DimensionKind.BillingAccount, "Acme"),
            b.AddValue(DimensionKind.Resource, service + "-1"),
            b.AddValue(DimensionKind.ChargeCategory, "Usage"),
            b.AddValue(DimensionKind.PricingCategory, "Standard"),
            billed,
            effective,
            billed,
            billed));

    private sealed class FixedIncreases(decimal amount) : IBudgetIncreases
    {
        public Task<decimal> GetApprovedIncreaseAsync(string budgetId, DateRange period, CancellationToken cancellationToken) => Task.FromResult(amount);
    }

    private sealed class EngineQueryService(CostQueryEngine engine) : ICostQueryService
    {
        public Task<CostQueryResult> QueryAsync(CostQuery query, CancellationToken cancellationToken) => Task.FromResult(engine.Execute(query));

        public Task<IReadOnlyList<string>> GetDimensionValuesAsync(Dimension dimension, CancellationToken cancellationToken) =>
            Task.FromResult(engine.DimensionValues(dimension));

        public Task<DataCoverage?> GetCoverageAsync(CancellationToken cancellationToken) => Task.FromResult<DataCoverage?>(null);
    }
}
