namespace FinOps.Storage.Anomalies;

/// <summary>Row of <c>AnomalyAlertCopies</c>: a posted copy of an incident's card and the alert version it shows.</summary>
public sealed class AnomalyAlertCopyEntity
{
    public required string IncidentId { get; set; }

    public required string Channel { get; set; }

    public required string MessageId { get; set; }

    public required string ConversationId { get; set; }

    public string? Workspace { get; set; }

    public int ShownVersion { get; set; }
}
