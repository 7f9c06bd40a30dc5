namespace FinOps.Core.Anomalies;

/// <summary>One posted copy of an incident's alert card, so every copy can be updated in place.</summary>
/// <param name="IncidentId">The incident the card shows.</param>
/// <param name="Channel"><c>slack</c>, <c>teams</c> or <c>playground</c>.</param>
/// <param name="ConversationId">Slack channel id, Teams conversation id.</param>
/// <param name="Workspace">Slack team id or Teams tenant id, when known.</param>
/// <param name="MessageId">Slack ts or Teams activity id.</param>
/// <param name="ShownVersion">The <see cref="AnomalyAlert.Version"/> the copy shows.</param>
public sealed record AnomalyAlertCopy(string IncidentId, string Channel, string ConversationId, string? Workspace, string MessageId, int ShownVersion);
