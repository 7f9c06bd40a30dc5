namespace FinOps.Core.Subscriptions;

/// <summary>A conversation that receives one topic of one team's messages, set up in chat.</summary>
/// <remarks>
/// The conversation is kept as the chat platform addresses it for a proactive post: the platform (<c>slack</c>,
/// <c>teams</c>, <c>playground</c>), the conversation id (Slack channel or DM id, Teams channel, group or personal chat id)
/// and the workspace (Slack team id, Teams tenant id) when the platform needs it.
/// </remarks>
/// <param name="TeamKey">Team key as used in cost allocation.</param>
/// <param name="Topic">What the conversation receives.</param>
/// <param name="Channel">Chat platform.</param>
/// <param name="ConversationId">Where to post on that platform.</param>
/// <param name="Workspace">Slack team id or Teams tenant id, when known.</param>
/// <param name="SubscribedBy">The directory key of the person who subscribed it.</param>
/// <param name="SubscribedAt">When.</param>
public sealed record ChannelSubscription(
    string TeamKey,
    SubscriptionTopic Topic,
    string Channel,
    string ConversationId,
    string? Workspace,
    string SubscribedBy,
    DateTimeOffset SubscribedAt)
{
    /// <summary>The identity of a subscription: one per team, topic and conversation.</summary>
    public static string KeyOf(string teamKey, SubscriptionTopic topic, string channel, string conversationId) =>
        $"{teamKey.ToLowerInvariant()}|{topic}|{channel}|{conversationId}";

    public string Key => KeyOf(TeamKey, Topic, Channel, ConversationId);
}
