namespace FinOps.Conversation.Cards;

/// <summary>Where a message came from or goes to, in neutral form.</summary>
/// <param name="Channel">"slack", "teams", "playground" or "cli".</param>
/// <param name="Id">Slack channel id, Teams conversation id, playground session id.</param>
/// <param name="Workspace">Slack team id or Teams tenant id, when known.</param>
/// <param name="ThreadId">Slack thread ts or Teams reply chain, when the message is in a thread.</param>
public sealed record ConversationAddress(string Channel, string Id, string? Workspace = null, string? ThreadId = null);
