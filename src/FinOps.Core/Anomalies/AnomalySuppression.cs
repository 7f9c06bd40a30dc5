using System.Globalization;

namespace FinOps.Core.Anomalies;

/// <summary>Which anomaly incidents feedback silences: repeats of a change marked expected, and muted services.</summary>
/// <remarks>
/// <para><b>Expected</b>: the incident marked expected is not alerted again, and neither is a later incident of the same
/// series (scope and currency) in the same direction that starts within <see cref="ExpectedPatternDays"/> days of it and
/// whose impact per day is at most <see cref="SimilarFactor"/> times that incident's: the team has said a change of that
/// size on that series is normal. A clearly larger change still alerts.</para>
/// <para><b>Mute</b>: until <see cref="AnomalyFeedback.MutedUntil"/> (seven days after the click), no incident whose owning
/// team and service (its scope's service, else that of its largest root cause) are the muted ones is alerted, at whatever
/// scope it was found.</para>
/// <para><b>Not an issue</b> silences nothing: it counts as a false alarm in <see cref="AnomalyPrecision"/>.</para>
/// </remarks>
public sealed class AnomalySuppression
{
    /// <summary>How much larger per day a repeat may be and still count as the change marked expected.</summary>
    public const decimal SimilarFactor = 1.5m;

    /// <summary>How long after an expected change a similar one on the same series is not alerted.</summary>
    public const int ExpectedPatternDays = 90;

    private readonly IReadOnlyList<AnomalyFeedback> _expected;
    private readonly IReadOnlyList<AnomalyFeedback> _mutes;

    public AnomalySuppression(IEnumerable<AnomalyFeedback> feedback, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        var entries = feedback.ToList();
        _expected = [.. entries.Where(f => f.Kind == AnomalyFeedbackKind.Expected)];
        _mutes = [.. entries.Where(f => f.Kind == AnomalyFeedbackKind.Mute && f.MutedUntil > now && f.Service is not null)];
    }

    /// <summary>Suppresses nothing.</summary>
    public static AnomalySuppression None { get; } = new([], DateTimeOffset.MinValue);

    /// <summary>Why <paramref name="anomaly"/> is not alerted, or null when it is.</summary>
    public string? Reason(CostAnomaly anomaly)
    {
        ArgumentNullException.ThrowIfNull(anomaly);
        var team = AnomalyOwnership.OwningTeam(anomaly);
        var service = AnomalyOwnership.Service(anomaly);
        var inv = CultureInfo.InvariantCulture;
        foreach (var mute in _mutes)
        {
            if (team is not null && service is not null
                && string.Equals(mute.Team, team, StringComparison.OrdinalIgnoreCase)
                && string.Equals(mute.Service, service, StringComparison.Ordinal))
            {
                return string.Create(inv, $"{service} of {team} muted until {mute.MutedUntil:yyyy-MM-dd} by {mute.ActorName}");
            }
        }

        var scope = AnomalyOwnership.ScopeText(anomaly.Scope);
        var daily = Math.Abs(AnomalyOwnership.DailyImpact(anomaly));
        foreach (var expected in _expected)
        {
            if (expected.IncidentId == anomaly.Id)
            {
                return $"marked expected by {expected.ActorName}";
            }

            if (expected.Scope == scope && expected.Currency == anomaly.Currency && expected.Direction == anomaly.Direction
                && anomaly.Start > expected.Start && anomaly.Start.DayNumber - expected.Start.DayNumber <= ExpectedPatternDays
                && daily <= SimilarFactor * Math.Abs(expected.DailyImpact))
            {
                return string.Create(inv, $"similar to the change of {expected.Start:yyyy-MM-dd} marked expected by {expected.ActorName}");
            }
        }

        return null;
    }

    /// <summary>The incidents that are still alerted.</summary>
    public IReadOnlyList<CostAnomaly> Filter(IReadOnlyList<CostAnomaly> anomalies)
    {
        ArgumentNullException.ThrowIfNull(anomalies);
        return _expected.Count == 0 && _mutes.Count == 0 ? anomalies : [.. anomalies.Where(a => Reason(a) is null)];
    }
}
