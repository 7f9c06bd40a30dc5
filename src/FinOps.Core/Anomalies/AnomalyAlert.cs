namespace FinOps.Core.Anomalies;

/// <summary>The alert state of one incident: what its posted cards show now.</summary>
/// <remarks>
/// <para><see cref="Incident"/> is the detector's latest view of the incident (its end, actual, expected and impact so
/// far grow while it goes on). <see cref="Version"/> grows by one on every change of state (a new anomalous day, the
/// resolution, a reopening when the detector bridges a short gap); each posted copy remembers the version it shows, so
/// a copy is updated once per change, and a failed update is retried by the next run.</para>
/// <para><see cref="ResolvedOn"/> is the first day back within the expected band (the incident's exclusive end).</para>
/// </remarks>
public sealed record AnomalyAlert(
    CostAnomaly Incident,
    string Team,
    string TeamName,
    AnomalyAlertStatus Status,
    DateOnly? ResolvedOn,
    int Version,
    DateTimeOffset UpdatedAt)
{
    public string Id => Incident.Id;

    /// <summary>The last anomalous day so far (inclusive).</summary>
    public DateOnly LastDay => Incident.End.AddDays(-1);

    /// <summary>The alert state of <paramref name="incident"/> as the detector reports it now (version 1).</summary>
    public static AnomalyAlert From(CostAnomaly incident, string team, string teamName, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return new AnomalyAlert(
            incident,
            team,
            teamName,
            incident.IsOpen ? AnomalyAlertStatus.Open : AnomalyAlertStatus.Resolved,
            incident.IsOpen ? null : incident.End,
            1,
            at);
    }

    /// <summary>Whether the detector's <paramref name="latest"/> view changes what the card shows.</summary>
    public bool ChangedBy(CostAnomaly latest)
    {
        ArgumentNullException.ThrowIfNull(latest);
        return latest.End != Incident.End
            || latest.IsOpen != (Status == AnomalyAlertStatus.Open)
            || latest.Actual != Incident.Actual
            || latest.Expected != Incident.Expected;
    }

    /// <summary>The next version, showing <paramref name="latest"/>.</summary>
    public AnomalyAlert Next(CostAnomaly latest, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(latest);
        return this with
        {
            Incident = latest,
            Status = latest.IsOpen ? AnomalyAlertStatus.Open : AnomalyAlertStatus.Resolved,
            ResolvedOn = latest.IsOpen ? null : latest.End,
            Version = Version + 1,
            UpdatedAt = at,
        };
    }
}
