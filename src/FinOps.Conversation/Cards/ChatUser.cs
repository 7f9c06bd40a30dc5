namespace FinOps.Conversation.Cards;

/// <summary>A person as a channel knows them.</summary>
/// <param name="Channel">"slack", "teams", "playground" or "cli".</param>
/// <param name="Id">The channel's user id (Slack user id, Teams user id).</param>
/// <param name="Name">Display name when known.</param>
/// <param name="Email">Email when known (for identity mapping to team owners).</param>
/// <param name="AadObjectId">Microsoft Entra object id (Teams).</param>
public sealed record ChatUser(string Channel, string Id, string? Name = null, string? Email = null, string? AadObjectId = null);
