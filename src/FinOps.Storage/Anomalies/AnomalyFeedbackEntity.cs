namespace FinOps.Storage.Anomalies;

/// <summary>Row of <c>AnomalyFeedback</c>: append-only; triggers made by the migration abort any UPDATE or DELETE.</summary>
public sealed class AnomalyFeedbackEntity
{
    public long Sequence { get; set; }

    public required string IncidentId { get; set; }

    public required string Kind { get; set; }

    public required string Team { get; set; }

    public string? Service { get; set; }

    public required string Scope { get; set; }

    public required string Currency { get; set; }

    public required string Direction { get; set; }

    public DateOnly Start { get; set; }

    public decimal DailyImpact { get; set; }

    public required string ActorKey { get; set; }

    public required string ActorName { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Channel { get; set; }

    public DateTimeOffset? MutedUntil { get; set; }
}
