namespace FinOps.Core.People;

/// <summary>Who wrote, as a chat channel tells it: enough to find the person in the <see cref="CompanyDirectory"/>.</summary>
/// <param name="Channel"><c>slack</c>, <c>teams</c>, <c>playground</c> or <c>cli</c>.</param>
/// <param name="UserId">The channel's user id (Slack <c>U...</c>, Teams <c>29:...</c>, the playground's chosen person).</param>
/// <param name="Email">E-mail when the channel already told it.</param>
/// <param name="AadObjectId">Microsoft Entra object id (Teams).</param>
/// <param name="ConversationId">Where the user wrote (Teams member lookups need it).</param>
/// <param name="Workspace">Slack team id or Teams tenant id.</param>
public sealed record ChannelIdentity(
    string Channel, string UserId, string? Email = null, string? AadObjectId = null, string? ConversationId = null, string? Workspace = null);
