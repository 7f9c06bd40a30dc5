using FinOps.Core.Query;

namespace FinOps.Conversation.Tests.Questions;

/// <summary>The real <see cref="CostQueryEngine"/> over facts added in the test: exclusions, days and commitment status as production runs them.</summary>
public sealed class EngineCostQueryService : ICostQueryService
{
    private readonly CostCubeBuilder _builder = new();
    private CostQueryEngine? _engine;

    public List<CostQuery> Queries { get; } = [];

    public EngineCostQueryService Add(
        DateOnly date, decimal effective, string team, string provider = "AWS", string service = "Amazon Elastic Compute Cloud",
        decimal? list = null, decimal? contracted = null, string? status = null, string chargeCategory = "Usage", string environment = "prod", string account = "prod",
        string? resource = null, string category = "Compute")
    {
        var b = _builder;
        b.Add(new CostCubeFact(
            date,
            b.AddCurrency("USD"),
            b.AddTagSet(new Dictionary<string, string> { ["team"] = team, ["environment"] = environment }),
            b.AddValue(DimensionKind.Provider, provider),
            b.AddValue(DimensionKind.Service, service),
            b.AddValue(DimensionKind.Category, category),
            b.AddValue(DimensionKind.Region, "us-east-1"),
            b.AddValue(DimensionKind.Account, account),
            b.AddValue(DimensionKind.BillingAccount, "Acme"),
            b.AddValue(DimensionKind.Resource, resource ?? "r-" + team + "-1"),
            b.AddValue(DimensionKind.ChargeCategory, chargeCategory),
            b.AddValue(DimensionKind.PricingCategory, "Standard"),
            effective,
            effective,
            list ?? effective,
            contracted ?? effective)
        {
            CommitmentDiscountStatus = b.AddCommitmentDiscountStatus(status),
        });
        return this;
    }

    private CostQueryEngine Engine => _engine ??= new CostQueryEngine(_builder.Build(), new TagTeamAssignment());

    public Task<CostQueryResult> QueryAsync(CostQuery query, CancellationToken cancellationToken)
    {
        Queries.Add(query);
        return Task.FromResult(Engine.Execute(query));
    }

    public Task<IReadOnlyList<string>> GetDimensionValuesAsync(Dimension dimension, CancellationToken cancellationToken) =>
        Task.FromResult(Engine.DimensionValues(dimension));

    public Task<DataCoverage?> GetCoverageAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Engine.Cube.Dates is { } dates
            ? new DataCoverage(dates, new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero), ["USD"])
            : null);
}
