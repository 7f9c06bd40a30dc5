namespace FinOps.Core.Anomalies;

/// <summary>One append-only feedback entry: who said what about which anomaly incident, and when.</summary>
/// <remarks>
/// The incident is described by what its buttons carry, so feedback never needs the detector to run again: the series
/// (<see cref="Scope"/> as <c>team=payments, service=EC2</c>, with <see cref="Currency"/>), the owning <see cref="Team"/>,
/// the <see cref="Service"/> a mute applies to, the incident's <see cref="Start"/>, <see cref="Direction"/> and average
/// daily impact (<see cref="DailyImpact"/>, actual minus expected, in <see cref="Currency"/>), which is what a later
/// incident is compared with to decide whether it repeats a change marked expected.
/// </remarks>
/// <param name="Sequence">Position in the store (0 until stored).</param>
/// <param name="IncidentId">The anomaly id (<see cref="CostAnomaly.Id"/>).</param>
/// <param name="Kind">What was said.</param>
/// <param name="Team">The team key that owns the incident.</param>
/// <param name="Service">The service of the incident (its scope's, else its largest root cause's), when known.</param>
/// <param name="Scope">The series, as <see cref="AnomalySeries.ScopeText"/>.</param>
/// <param name="Currency">Currency of <see cref="DailyImpact"/>.</param>
/// <param name="Direction">Whether the incident was above or below expected.</param>
/// <param name="Start">The incident's first day.</param>
/// <param name="DailyImpact">The incident's impact per day when the button was shown.</param>
/// <param name="ActorKey">The directory key of who clicked (<see cref="People.Person.Key"/>).</param>
/// <param name="ActorName">What cards show for them.</param>
/// <param name="At">When they clicked.</param>
/// <param name="Channel">Where (<c>slack</c>, <c>teams</c>, <c>playground</c>).</param>
/// <param name="MutedUntil">For <see cref="AnomalyFeedbackKind.Mute"/>: the end of the mute.</param>
public sealed record AnomalyFeedback(
    long Sequence,
    string IncidentId,
    AnomalyFeedbackKind Kind,
    string Team,
    string? Service,
    string Scope,
    string Currency,
    AnomalyDirection Direction,
    DateOnly Start,
    decimal DailyImpact,
    string ActorKey,
    string ActorName,
    DateTimeOffset At,
    string Channel,
    DateTimeOffset? MutedUntil = null)
{
    /// <summary>How long "Mute this service for 7 days" lasts.</summary>
    public static readonly TimeSpan MuteDuration = TimeSpan.FromDays(7);
}
