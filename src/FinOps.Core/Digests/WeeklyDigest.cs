using FinOps.Core.Anomalies;
using FinOps.Core.Freshness;
using FinOps.Core.Query;

namespace FinOps.Core.Digests;

/// <summary>One team's weekly spend digest: one section per billing currency, never summed across currencies.</summary>
public sealed record WeeklyDigest(string TeamKey, string TeamName, DateRange Week, DateRange PreviousWeek, IReadOnlyList<WeeklyDigestCurrency> ByCurrency)
{
    /// <summary>True when neither week has any cost for the team.</summary>
    public bool IsEmpty => ByCurrency.Count == 0;

    /// <summary>The team's unit costs for the week, one per business metric the team counts over the whole week; empty when it counts none.</summary>
    public IReadOnlyList<DigestUnitCost> UnitCosts { get; init; } = [];

    /// <summary>
    /// The team's cost anomalies still open when the digest was built (the same incidents as the alert cards, largest
    /// absolute impact first); empty when there are none or the builder has no detector.
    /// </summary>
    public IReadOnlyList<CostAnomaly> OpenAnomalies { get; init; } = [];

    /// <summary>The ingestion sources' freshness when the digest was built (how far each export is complete, which are overdue); empty without sources.</summary>
    public IReadOnlyList<SourceFreshness> Freshness { get; init; } = [];
}
