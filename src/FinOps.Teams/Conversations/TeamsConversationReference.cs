namespace FinOps.Teams.Conversations;

/// <summary>What the bot needs to message a Teams conversation later (proactive messages).</summary>
/// <param name="ConversationId">The Bot Framework conversation id.</param>
/// <param name="ServiceUrl">The regional connector endpoint the conversation lives on.</param>
/// <param name="ConversationType"><c>personal</c>, <c>groupChat</c> or <c>channel</c>.</param>
/// <param name="TenantId">The user's tenant.</param>
/// <param name="BotId">The bot's id in the conversation (<c>28:...</c>).</param>
/// <param name="UserId">The user who installed the app or wrote last (<c>29:...</c>).</param>
/// <param name="UserAadObjectId">That user's Entra object id.</param>
/// <param name="TeamId">The team's thread id when installed in a team.</param>
/// <param name="ChannelId">The Teams channel id when the conversation is a channel.</param>
/// <param name="UpdatedAt">When the reference was last stored.</param>
/// <param name="IsStale">The bot was removed or the conversation is gone: Teams answered 403/404.</param>
public sealed record TeamsConversationReference(
    string ConversationId,
    string ServiceUrl,
    string? ConversationType,
    string? TenantId,
    string? BotId,
    string? UserId,
    string? UserAadObjectId,
    string? TeamId,
    string? ChannelId,
    DateTimeOffset UpdatedAt,
    bool IsStale = false);
