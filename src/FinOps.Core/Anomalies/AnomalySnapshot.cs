namespace FinOps.Core.Anomalies;

/// <summary>The incidents the daily anomaly job reports on one run date, as alerts, questions and digests see them.</summary>
/// <remarks>
/// <see cref="RunDate"/> judges the day before it (<see cref="LastJudgedDay"/>) with the data known then; an incident is
/// open when its last anomalous day is that day. <see cref="Anomalies"/> pass the alert thresholds (what would have been
/// posted), oldest first.
/// </remarks>
public sealed record AnomalySnapshot(DateOnly RunDate, IReadOnlyList<CostAnomaly> Anomalies)
{
    public DateOnly LastJudgedDay => RunDate.AddDays(-1);

    /// <summary>The incidents still going on as of <see cref="RunDate"/>.</summary>
    public IEnumerable<CostAnomaly> Open => Anomalies.Where(a => a.IsOpen);
}
