namespace FinOps.Demo;

/// <summary>A cost anomaly planted in the demo data.</summary>
/// <remarks>
/// <see cref="Start"/> is inclusive and <see cref="End"/> exclusive (dates of ChargePeriodStart).
/// <see cref="ExtraCost"/> is the exact sum of EffectiveCost (equal to BilledCost: anomalies are on-demand)
/// of the rows the anomaly added, in <see cref="Currency"/>; the rows share <see cref="ResourceId"/>.
/// </remarks>
public sealed record DemoAnomaly(
    string Key,
    string Description,
    DateOnly Start,
    DateOnly End,
    string TeamKey,
    string Provider,
    string SubAccountId,
    string ServiceName,
    string ResourceId,
    decimal ExtraCost,
    string Currency);
