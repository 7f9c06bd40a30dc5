namespace FinOps.Core.Anomalies;

/// <summary>Whether the cost went above (<see cref="Up"/>) or below (<see cref="Down"/>) the expected band.</summary>
public enum AnomalyDirection
{
    Up,
    Down,
}
