namespace FinOps.Storage.Anomalies;

/// <summary>Row of <c>AnomalyAlerts</c>: the alert state of one incident (what its cards show now).</summary>
/// <remarks><see cref="Details"/> is JSON of what the card needs beyond the columns: scope, root causes and chart days.</remarks>
public sealed class AnomalyAlertEntity
{
    public required string Id { get; set; }

    public required string Team { get; set; }

    public required string TeamName { get; set; }

    public required string Series { get; set; }

    public required string Currency { get; set; }

    public required string Direction { get; set; }

    public required string Kind { get; set; }

    public DateOnly Start { get; set; }

    public DateOnly LastDay { get; set; }

    public DateOnly DetectedOn { get; set; }

    public required string Status { get; set; }

    public decimal Actual { get; set; }

    public decimal Expected { get; set; }

    public decimal Impact { get; set; }

    public DateOnly? ResolvedOn { get; set; }

    public required string Details { get; set; }

    public int Version { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
