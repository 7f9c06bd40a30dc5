namespace FinOps.Core.Anomalies;

/// <summary>One cost anomaly incident of one series: consecutive anomalous days, reported once.</summary>
/// <remarks>
/// <see cref="End"/> is exclusive (the day after the last anomalous day) and grows while the incident goes on.
/// <see cref="DetectedOn"/> is the run date that first reported it: the morning after <see cref="Start"/>.
/// <see cref="Actual"/>, <see cref="Expected"/> and <see cref="Impact"/> (actual minus expected) are sums over the
/// incident's days of EffectiveCost of usage charges. <see cref="Chart"/> holds the daily actual cost and the detector's
/// expected band for the days up to the incident's last day (and, once it ended, a few days after it), for the alert card's
/// chart; it is not part of the CLI contract.
/// </remarks>
public sealed record CostAnomaly(
    string Id,
    IReadOnlyList<KeyValuePair<string, string>> Scope,
    DateOnly Start,
    DateOnly End,
    DateOnly DetectedOn,
    bool IsOpen,
    string Currency,
    decimal Actual,
    decimal Expected,
    decimal Impact,
    AnomalyDirection Direction,
    AnomalyKind Kind,
    IReadOnlyList<AnomalyRootCause> RootCauses)
{
    public const string Metric = "EffectiveCost";

    public int Days => End.DayNumber - Start.DayNumber;

    /// <summary>Days shown on the chart, oldest first; empty when the detector did not provide them.</summary>
    public IReadOnlyList<AnomalyDay> Chart { get; init; } = [];
}
