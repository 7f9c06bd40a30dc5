namespace FinOps.Core.Anomalies;

/// <summary>How often the alerts people gave feedback on were real: the bot's own precision.</summary>
/// <remarks>
/// Each incident counts once, with its latest verdict among "Expected", "Investigating" and "Not an issue": the first two
/// are real detections (a change that happened, whether wanted or being looked into), "Not an issue" a false alarm.
/// <see cref="Precision"/> = real / (real + false alarms), null when no incident has a verdict. A mute is no verdict
/// (the change may be real and simply not worth hearing about): muted incidents are counted apart in <see cref="Muted"/>.
/// Alerts nobody reacted to are not counted, so this is the precision of the alerts with feedback.
/// </remarks>
public sealed record AnomalyPrecision(int Expected, int Investigating, int FalseAlarms, int Muted)
{
    /// <summary>Incidents with a real-detection verdict.</summary>
    public int Real => Expected + Investigating;

    /// <summary>Incidents with a verdict.</summary>
    public int Judged => Real + FalseAlarms;

    /// <summary>Real / judged (0 to 1), or null when nothing was judged.</summary>
    public decimal? Precision => Judged == 0 ? null : Math.Round((decimal)Real / Judged, 4);

    /// <summary>The precision over <paramref name="feedback"/>, of one team (case-insensitive) or (null) of all.</summary>
    public static AnomalyPrecision From(IEnumerable<AnomalyFeedback> feedback, string? team = null)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        var entries = feedback.Where(f => team is null || string.Equals(f.Team, team, StringComparison.OrdinalIgnoreCase)).ToList();
        var verdicts = entries
            .Where(f => f.Kind != AnomalyFeedbackKind.Mute)
            .GroupBy(f => f.IncidentId, StringComparer.Ordinal)
            .Select(g => g.MaxBy(f => (f.At, f.Sequence))!.Kind)
            .ToList();
        return new AnomalyPrecision(
            verdicts.Count(k => k == AnomalyFeedbackKind.Expected),
            verdicts.Count(k => k == AnomalyFeedbackKind.Investigating),
            verdicts.Count(k => k == AnomalyFeedbackKind.NotAnIssue),
            entries.Where(f => f.Kind == AnomalyFeedbackKind.Mute).Select(f => f.IncidentId).Distinct(StringComparer.Ordinal).Count());
    }
}
