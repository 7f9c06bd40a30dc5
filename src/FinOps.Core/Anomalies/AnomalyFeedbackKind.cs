namespace FinOps.Core.Anomalies;

/// <summary>What someone said about an anomaly alert with its buttons.</summary>
public enum AnomalyFeedbackKind
{
    /// <summary>"Expected": a real change the team knew about; later similar changes of the same series are not alerted.</summary>
    Expected,

    /// <summary>"Investigating": a real change; the clicker is looking into it.</summary>
    Investigating,

    /// <summary>"Not an issue": a false alarm.</summary>
    NotAnIssue,

    /// <summary>"Mute this service for 7 days": no alert for the team and service until <see cref="AnomalyFeedback.MutedUntil"/>.</summary>
    Mute,
}
