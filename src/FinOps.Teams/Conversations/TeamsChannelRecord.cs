namespace FinOps.Teams.Conversations;

/// <summary>
/// A channel of a team the bot is installed in, as Teams named it in install and conversation updates: enough to post a
/// new conversation in the channel and to find the channel by the name a rules file uses (<c>teams: "Cost - Payments"</c>).
/// </summary>
/// <param name="TeamId">The team's thread id (<c>19:...@thread.tacv2</c>, also the General channel's id).</param>
/// <param name="TeamName">The team's display name, when Teams sent it.</param>
/// <param name="ChannelId">The channel's thread id.</param>
/// <param name="ChannelName">The channel's display name; Teams sends none for General, which is then named <see cref="GeneralChannelName"/>.</param>
/// <param name="TenantId">The team's tenant.</param>
/// <param name="ServiceUrl">The regional connector endpoint of the team.</param>
/// <param name="BotId">The bot's id in the team (<c>28:...</c>).</param>
/// <param name="UpdatedAt">When the record was last stored.</param>
public sealed record TeamsChannelRecord(
    string TeamId,
    string? TeamName,
    string ChannelId,
    string? ChannelName,
    string? TenantId,
    string ServiceUrl,
    string? BotId,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The name Teams shows for a team's default channel, whose id is the team's id.</summary>
    public const string GeneralChannelName = "General";

    /// <summary>The store key: one record per team and channel.</summary>
    public string Key => TeamId + "|" + ChannelId;

    /// <summary>The conversation reference of the team for <see cref="TeamsProactiveSender.PostToChannelAsync"/>.</summary>
    public TeamsConversationReference ToReference() =>
        new(ChannelId, ServiceUrl, "channel", TenantId, BotId, null, null, TeamId, ChannelId, UpdatedAt);
}
