using FinOps.Core.Query;

namespace FinOps.Core.Tests.Anomalies;

/// <summary>
/// Usage cost of payments (EC2 and S3) and search (EC2) from 1 August to 8 December 2026 with a weekly pattern, and
/// optionally new S3 cost on payments from 6 December on; the coverage is that of the facts, as the store reports it.
/// </summary>
internal sealed class PlantedAnomalyCosts : ICostQueryService
{
    public static readonly DateOnly FirstDay = new(2026, 8, 1);
    public static readonly DateOnly SpikeStart = new(2026, 12, 6);
    public static readonly DateOnly LastDay = new(2026, 12, 8);

    private readonly CostQueryEngine _engine;

    public PlantedAnomalyCosts(decimal extra, bool searchDrop = false)
    {
        var b = new CostCubeBuilder();
        for (var day = FirstDay; day <= LastDay; day = day.AddDays(1))
        {
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            Add(b, day, "payments", "Amazon Elastic Compute Cloud", "i-payments", "payments-prod", weekend ? 250m : 400m);
            Add(b, day, "payments", "Amazon Simple Storage Service", "bucket-main", "payments-prod", 100m);
            Add(b, day, "search", "Amazon Elastic Compute Cloud", "i-search", "search-prod", searchDrop && day >= SpikeStart ? 20m : weekend ? 2_000m : 3_000m);
            if (extra != 0 && day >= SpikeStart)
            {
                Add(b, day, "payments", "Amazon Simple Storage Service", "bucket-logs", "payments-prod", extra);
            }
        }

        _engine = new CostQueryEngine(b.Build(), new TagTeamAssignment());
    }

    public int Queries { get; private set; }

    public Task<CostQueryResult> QueryAsync(CostQuery query, CancellationToken cancellationToken)
    {
        Queries++;
        return Task.FromResult(_engine.Execute(query));
    }

    public Task<IReadOnlyList<string>> GetDimensionValuesAsync(Dimension dimension, CancellationToken cancellationToken) =>
        Task.FromResult(_engine.DimensionValues(dimension));

    public Task<DataCoverage?> GetCoverageAsync(CancellationToken cancellationToken) =>
        Task.FromResult<DataCoverage?>(new DataCoverage(new DateRange(FirstDay, LastDay.AddDays(1)), new DateTimeOffset(2026, 12, 9, 5, 0, 0, TimeSpan.Zero), ["USD"]));

    private static void Add(CostCubeBuilder b, DateOnly date, string team, string service, string resource, string account, decimal cost) =>
        b.Add(new CostCubeFact(
            date,
            b.AddCurrency("USD"),
            b.AddTagSet(new Dictionary<string, string> { ["team"] = team }),
            b.AddValue(DimensionKind.Provider, "AWS"),
            b.AddValue(DimensionKind.Service, service),
            b.AddValue(DimensionKind.Category, "Compute"),
            b.AddValue(DimensionKind.Region, "us-east-1"),
            b.AddValue(DimensionKind.Account, account),
            b.AddValue(DimensionKind.BillingAccount, "Acme"),
            b.AddValue(DimensionKind.Resource, resource),
            b.AddValue(DimensionKind.ChargeCategory, "Usage"),
            b.AddValue(DimensionKind.PricingCategory, "Standard"),
            cost,
            cost,
            cost,
            cost));
}
