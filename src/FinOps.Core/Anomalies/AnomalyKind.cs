namespace FinOps.Core.Anomalies;

/// <summary>What the detector saw first: a day outside the band (<see cref="Point"/>) or sustained growth (<see cref="Leak"/>).</summary>
public enum AnomalyKind
{
    Point,
    Leak,
}
