namespace FinOps.Core.Anomalies;

/// <summary>The detector's view of some days of one filtered usage-cost series: what it cost and what the model expected.</summary>
/// <remarks>
/// <see cref="Actual"/> and <see cref="Expected"/> are sums over the <see cref="JudgedDays"/> (days with enough history
/// that are not quiet holidays) of EffectiveCost of usage charges in <see cref="Currency"/>. Used to say plainly that a
/// day was not flagged, never to flag one: only the replay decides what is an anomaly.
/// </remarks>
public sealed record AnomalyDayCheck(string Currency, decimal Actual, decimal Expected, int JudgedDays);
