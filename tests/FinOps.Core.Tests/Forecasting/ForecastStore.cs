using FinOps.Core.Query;

namespace FinOps.Core.Tests.Forecasting;

/// <summary>Daily facts in a real <see cref="CostQueryEngine"/>, served as an <see cref="ICostQueryService"/>.</summary>
internal sealed class ForecastStore : ICostQueryService
{
    private readonly List<(DateOnly Date, string Currency, string Team, string ChargeCategory, decimal Effective, decimal Billed)> _facts = [];

    /// <summary>When set, the coverage ends here (exclusive) instead of the day after the last fact.</summary>
    public DateOnly? CoverageEnd { get; set; }

    public ForecastStore Add(DateOnly date, decimal amount, string chargeCategory = "Usage", string currency = "USD", string team = "payments", decimal? billed = null)
    {
        _facts.Add((date, currency, team, chargeCategory, amount, billed ?? amount));
        return this;
    }

    /// <summary>One usage fact per day of [<paramref name="from"/>, <paramref name="to"/>) from <paramref name="amount"/>.</summary>
    public ForecastStore Daily(DateOnly from, DateOnly to, Func<DateOnly, decimal> amount, string currency = "USD", string team = "payments")
    {
        for (var d = from; d < to; d = d.AddDays(1))
        {
            Add(d, amount(d), currency: currency, team: team);
        }

        return this;
    }

    public Task<CostQueryResult> QueryAsync(CostQuery query, CancellationToken cancellationToken) =>
        Task.FromResult(Engine().Execute(query));

    public Task<IReadOnlyList<string>> GetDimensionValuesAsync(Dimension dimension, CancellationToken cancellationToken) =>
        Task.FromResult(Engine().DimensionValues(dimension));

    public Task<DataCoverage?> GetCoverageAsync(CancellationToken cancellationToken) => Task.FromResult(
        _facts.Count == 0
            ? null
            : new DataCoverage(
                new DateRange(_facts.Min(f => f.Date), CoverageEnd ?? _facts.Max(f => f.Date).AddDays(1)),
                new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
                [.. _facts.Select(f => f.Currency).Distinct()]));

    private CostQueryEngine Engine()
    {
        var b = new CostCubeBuilder();
        foreach (var f in _facts)
        {
            b.Add(new CostCubeFact(
                f.Date,
                b.AddCurrency(f.Currency),
                b.AddTagSet(new Dictionary<string, string> { ["team"] = f.Team }),
                b.AddValue(DimensionKind.Provider, "AWS"),
                b.AddValue(DimensionKind.Service, "EC2"),
                b.AddValue(DimensionKind.Category, "Compute"),
                b.AddValue(DimensionKind.Region, "us-east-1"),
                b.AddValue(DimensionKind.Account, "prod"),
                b.AddValue(DimensionKind.BillingAccount, "acme"),
                b.AddValue(DimensionKind.Resource, "i-1"),
                b.AddValue(DimensionKind.ChargeCategory, f.ChargeCategory),
                b.AddValue(DimensionKind.PricingCategory, "Standard"),
                f.Billed,
                f.Effective,
                f.Billed,
                f.Billed));
        }

        return new CostQueryEngine(b.Build(), new TagTeamAssignment());
    }
}
