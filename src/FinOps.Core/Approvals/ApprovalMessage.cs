namespace FinOps.Core.Approvals;

/// <summary>One posted copy of a request card, so every copy can be updated in place after a decision.</summary>
/// <param name="RequestId">The request the card shows.</param>
/// <param name="Channel"><c>slack</c>, <c>teams</c> or <c>playground</c>.</param>
/// <param name="ConversationId">Slack channel id, Teams conversation id.</param>
/// <param name="Workspace">Slack team id or Teams tenant id, when known.</param>
/// <param name="MessageId">Slack ts or Teams activity id.</param>
public sealed record ApprovalMessage(string RequestId, string Channel, string ConversationId, string? Workspace, string MessageId);
