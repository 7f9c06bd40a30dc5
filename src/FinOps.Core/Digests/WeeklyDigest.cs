using FinOps.Core.Query;

namespace FinOps.Core.Digests;

/// <summary>One team's weekly spend digest: one section per billing currency, never summed across currencies.</summary>
public sealed record WeeklyDigest(string TeamKey, string TeamName, DateRange Week, DateRange PreviousWeek, IReadOnlyList<WeeklyDigestCurrency> ByCurrency)
{
    /// <summary>True when neither week has any cost for the team.</summary>
    public bool IsEmpty => ByCurrency.Count == 0;

    /// <summary>The team's unit costs for the week, one per business metric the team counts over the whole week; empty when it counts none.</summary>
    public IReadOnlyList<DigestUnitCost> UnitCosts { get; init; } = [];
}
