using FinOps.Core.Anomalies;
using FinOps.Core.Query;

namespace FinOps.Core.Tests.Anomalies;

public sealed class AnomalyDetectionServiceTests
{
    private static readonly DateOnly FirstDay = new(2026, 1, 5);

    [Fact]
    public async Task ReplayAsync_PurchasesCreditsAndTaxes_NeverMakeAnAnomaly()
    {
        var service = Service(cube => Usage(cube), cube =>
        {
            // Monthly commitment fee, a credit and tax, each far above the usage: none of it is usage.
            foreach (var month in new[] { new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 1), new DateOnly(2026, 5, 1) })
            {
                Add(cube, month, "payments", "Savings Plans", "sp-1", "us-east-1", "payments-prod", "Purchase", 50_000m);
                Add(cube, month.AddDays(3), "payments", "EC2", null, "us-east-1", "payments-prod", "Credit", -8_000m);
                Add(cube, month.AddDays(9), "payments", "Tax", null, "us-east-1", "payments-prod", "Tax", 9_000m);
            }
        });

        var anomalies = await service.ReplayAsync(FirstDay.AddDays(70), FirstDay.AddDays(130), all: true, CancellationToken.None);

        Assert.Empty(anomalies);
    }

    [Fact]
    public async Task ReplayAsync_NewResourceSpike_RootCauseNamesItWithNewSinceAndIsReportedOnce()
    {
        var spike = FirstDay.AddDays(100);
        var service = Service(cube => Usage(cube), cube =>
        {
            for (var d = 0; d < 3; d++)
            {
                Add(cube, spike.AddDays(d), "payments", "EC2", "i-runaway", "eu-west-1", "payments-prod", "Usage", 3_000m);
            }
        });

        var anomalies = await service.ReplayAsync(FirstDay.AddDays(70), FirstDay.AddDays(130), all: false, CancellationToken.None);

        var anomaly = Assert.Single(anomalies);
        Assert.Equal([new("team", "payments"), new("service", "EC2")], anomaly.Scope);
        Assert.Equal(spike, anomaly.Start);
        Assert.Equal(spike.AddDays(3), anomaly.End);
        Assert.Equal("USD", anomaly.Currency);
        var top = anomaly.RootCauses[0];
        Assert.Equal(9_000m, top.Impact);
        Assert.Equal(spike, top.NewSince);
        Assert.Equal([new("service", "EC2"), new("account", "payments-prod"), new("region", "eu-west-1"), new("resource", "i-runaway")], top.Key);
        Assert.True(anomaly.RootCauses.Count <= AnomalyDetectionService.MaxRootCauses);
        Assert.Equal(anomaly.RootCauses.OrderByDescending(c => Math.Abs(c.Impact)).ToList(), anomaly.RootCauses);
    }

    private static AnomalyDetectionService Service(params Action<CostCubeBuilder>[] fill)
    {
        var builder = new CostCubeBuilder();
        foreach (var f in fill)
        {
            f(builder);
        }

        return new AnomalyDetectionService(new EngineQueries(new CostQueryEngine(builder.Build(), new TagTeamAssignment())), new AnomalyOptions());
    }

    private static void Usage(CostCubeBuilder cube)
    {
        var random = new Random(11);
        for (var d = 0; d < 135; d++)
        {
            var date = FirstDay.AddDays(d);
            var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            for (var r = 0; r < 6; r++)
            {
                var cost = Math.Round((weekend ? 250m : 400m) * (decimal)(0.98 + (0.04 * random.NextDouble())), 2);
                Add(cube, date, "payments", r < 4 ? "EC2" : "S3", "res-" + r, "us-east-1", "payments-prod", "Usage", cost);
            }
        }
    }

    private static void Add(CostCubeBuilder b, DateOnly date, string team, string service, string? resource, string region, string account, string charge, decimal cost) =>
        b.Add(new CostCubeFact(
            date,
            b.AddCurrency("USD"),
            b.AddTagSet(new Dictionary<string, string> { ["team"] = team }),
            b.AddValue(DimensionKind.Provider, "AWS"),
            b.AddValue(DimensionKind.Service, service),
            b.AddValue(DimensionKind.Category, "Compute"),
            b.AddValue(DimensionKind.Region, region),
            b.AddValue(DimensionKind.Account, account),
            b.AddValue(DimensionKind.BillingAccount, "Acme"),
            b.AddValue(DimensionKind.Resource, resource),
            b.AddValue(DimensionKind.ChargeCategory, charge),
            b.AddValue(DimensionKind.PricingCategory, "Standard"),
            cost,
            cost,
            cost,
            cost));

    private sealed class EngineQueries(CostQueryEngine engine) : ICostQueryService
    {
        public Task<CostQueryResult> QueryAsync(CostQuery query, CancellationToken cancellationToken) => Task.FromResult(engine.Execute(query));

        public Task<IReadOnlyList<string>> GetDimensionValuesAsync(Dimension dimension, CancellationToken cancellationToken) =>
            Task.FromResult(engine.DimensionValues(dimension));

        public Task<DataCoverage?> GetCoverageAsync(CancellationToken cancellationToken) => Task.FromResult<DataCoverage?>(null);
    }
}
