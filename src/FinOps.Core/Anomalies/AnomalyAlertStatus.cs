namespace FinOps.Core.Anomalies;

/// <summary>Whether an alerted incident is still going on (<see cref="Open"/>) or its cost is back in the expected band.</summary>
public enum AnomalyAlertStatus
{
    Open,
    Resolved,
}
