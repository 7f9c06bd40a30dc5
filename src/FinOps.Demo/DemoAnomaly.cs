namespace FinOps.Demo;

/// <summary>A cost anomaly planted in the demo data.</summary>
/// <remarks>
/// <see cref="Start"/> is inclusive and <see cref="End"/> exclusive (dates of ChargePeriodStart).
/// <see cref="ExtraCost"/> is the exact sum of EffectiveCost (equal to BilledCost: anomalies are on-demand)
/// of the rows the anomaly added, in <see cref="Currency"/>; the rows share <see cref="ResourceId"/>.
/// With <see cref="DemoDataOptions.AnomalyLab"/> more kinds are planted (<see cref="Kind"/>) and confounders that must
/// not alert (<see cref="Confounder"/>); for a drop the rows are those before <see cref="Start"/> (the cost that went away),
/// for a migration those of the new service, for a holiday there are none (usage is quieter that day).
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
    string Currency)
{
    /// <summary><c>spike</c>, <c>level-shift</c>, <c>drop</c>, <c>leak</c>, <c>small-expensive</c>; confounders <c>migration</c>, <c>holiday</c>, <c>ramp-up</c>.</summary>
    public string Kind { get; init; } = "spike";

    /// <summary>True for a planted change that must not alert.</summary>
    public bool Confounder { get; init; }
}
