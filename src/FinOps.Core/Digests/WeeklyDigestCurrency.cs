namespace FinOps.Core.Digests;

/// <summary>The digest figures in one currency (EffectiveCost).</summary>
public sealed record WeeklyDigestCurrency(
    string Currency,
    decimal Total,
    decimal PreviousTotal,
    IReadOnlyList<DigestLine> TopServices,
    IReadOnlyList<DigestDay> DailyTrend,
    IReadOnlyList<DigestLine> TopMovers);
