namespace FinOps.Core.Query;

/// <summary>The one query model behind questions, digests, budgets and anomalies.</summary>
/// <remarks>
/// Filters are dimension -> accepted values (OR within a dimension, AND across dimensions; values are
/// compared case-insensitively). At most two group-by dimensions; with <see cref="Granularity"/> set the
/// rows are also split by time bucket. <see cref="Top"/> keeps the N largest rows and reports the rest as
/// "other", so the total always equals the sum of the rows plus other. <see cref="Exclusions"/> drop facts whose value
/// is listed ("everything except AWS"); <see cref="Days"/> keeps weekdays or weekends only;
/// <see cref="CommitmentDiscountStatus"/> keeps facts with that FOCUS CommitmentDiscountStatus (<c>Unused</c>).
/// </remarks>
public sealed record CostQuery
{
    public const int MaxGroupBy = 2;

    public CostMetric Metric { get; init; } = CostMetric.EffectiveCost;

    public required DateRange Period { get; init; }

    public DateRange? ComparePeriod { get; init; }

    public IReadOnlyDictionary<Dimension, IReadOnlyList<string>> Filters { get; init; } =
        new Dictionary<Dimension, IReadOnlyList<string>>();

    public IReadOnlyList<Dimension> GroupBy { get; init; } = [];

    public Granularity? Granularity { get; init; }

    public int? Top { get; init; }

    /// <summary>Dimension -> values whose facts are left out (a fact is dropped when its value is any of them).</summary>
    public IReadOnlyDictionary<Dimension, IReadOnlyList<string>> Exclusions { get; init; } =
        new Dictionary<Dimension, IReadOnlyList<string>>();

    public DayFilter Days { get; init; } = DayFilter.All;

    /// <summary>Only facts with this FOCUS CommitmentDiscountStatus (compared case-insensitively); null for all.</summary>
    public string? CommitmentDiscountStatus { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the field when the query cannot run.</summary>
    public void Validate()
    {
        if (GroupBy.Count > MaxGroupBy)
        {
            throw new ArgumentException($"groupBy: at most {MaxGroupBy} dimensions, got {GroupBy.Count}.");
        }

        if (GroupBy.Distinct().Count() != GroupBy.Count)
        {
            throw new ArgumentException("groupBy: a dimension is listed twice.");
        }

        if (Top is <= 0)
        {
            throw new ArgumentException($"top: must be positive, got {Top}.");
        }

        foreach (var (dimension, values) in Filters)
        {
            if (values.Count == 0)
            {
                throw new ArgumentException($"filters.{dimension}: at least one value is needed.");
            }
        }

        foreach (var (dimension, values) in Exclusions)
        {
            if (values.Count == 0)
            {
                throw new ArgumentException($"exclude.{dimension}: at least one value is needed.");
            }
        }
    }
}
