namespace FinOps.Demo;

/// <summary>What to generate: the period, the size and the seed.</summary>
/// <remarks>
/// <see cref="EndDate"/> is exclusive: pass today (from a <see cref="TimeProvider"/>) and the data ends
/// yesterday. The data starts on the first day of the month <see cref="Months"/> - 1 months before the
/// month of the last day, so the default covers 12 full months plus the current month to date.
/// </remarks>
public sealed record DemoDataOptions
{
    public const int DefaultTargetRows = 200_000;

    public required DateOnly EndDate { get; init; }

    public int Months { get; init; } = 13;

    /// <summary>About how many rows to write (within a few percent); more rows mean more resources.</summary>
    /// <remarks>
    /// There is a floor of about 60 rows per day (one resource per service, so every service and category
    /// exists at any size): 13 months cannot be fewer than about 24,000 rows.
    /// </remarks>
    public int TargetRows { get; init; } = DefaultTargetRows;

    public ulong Seed { get; init; } = 42;

    /// <summary>Plants every anomaly kind and the confounders of the anomaly benchmark (off by default: the demo stays as it was).</summary>
    public bool AnomalyLab { get; init; }

    /// <summary>Options ending today by <paramref name="timeProvider"/>'s UTC clock (so the data ends yesterday).</summary>
    public static DemoDataOptions EndingToday(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return new DemoDataOptions { EndDate = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime) };
    }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Months, 1, nameof(Months));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Months, 60, nameof(Months));
        ArgumentOutOfRangeException.ThrowIfLessThan(TargetRows, 1_000, nameof(TargetRows));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(TargetRows, 100_000_000, nameof(TargetRows));
    }
}
