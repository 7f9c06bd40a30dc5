namespace FinOps.Demo;

/// <summary>What a generator run wrote.</summary>
/// <remarks><see cref="FirstDay"/> and <see cref="LastDay"/> are inclusive charge dates.</remarks>
public sealed record DemoDataResult(
    long RowCount,
    DateOnly FirstDay,
    DateOnly LastDay,
    int ResourceCount,
    IReadOnlyList<DemoAnomaly> Anomalies);
