using FinOps.Core.Anomalies;

namespace FinOps.Conversation.Anomalies;

/// <summary>Where an alerted incident stands, as its card shows it: open on day N, or resolved since a day.</summary>
/// <remarks>
/// <see cref="Day"/> counts the incident's days from its start to its last anomalous day so far (day 1 is the start).
/// <see cref="ResolvedOn"/> is the first day back within the expected band.
/// </remarks>
public sealed record AnomalyCardState(AnomalyAlertStatus Status, int Day, DateOnly? ResolvedOn)
{
    /// <summary>The state of a stored alert.</summary>
    public static AnomalyCardState Of(AnomalyAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new AnomalyCardState(alert.Status, alert.Incident.Days, alert.ResolvedOn);
    }
}
