namespace FinOps.Core.Subscriptions;

/// <summary>One entry of the subscription change log: who changed what, when and from where.</summary>
/// <param name="TeamKey">Team whose subscriptions changed.</param>
/// <param name="Topic">Topic subscribed or unsubscribed.</param>
/// <param name="Action"><c>subscribe</c> or <c>unsubscribe</c>.</param>
/// <param name="Channel">Chat platform of the subscribed conversation (also where the command was given).</param>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Workspace">Slack team id or Teams tenant id, when known.</param>
/// <param name="ChangedBy">Directory key of the person who asked.</param>
/// <param name="ChangedAt">When.</param>
public sealed record SubscriptionChange(
    string TeamKey,
    SubscriptionTopic Topic,
    string Action,
    string Channel,
    string ConversationId,
    string? Workspace,
    string ChangedBy,
    DateTimeOffset ChangedAt);
