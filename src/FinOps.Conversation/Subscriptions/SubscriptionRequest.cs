using FinOps.Core.Subscriptions;

namespace FinOps.Conversation.Subscriptions;

/// <summary>A parsed subscription command.</summary>
/// <param name="Verb">What to do.</param>
/// <param name="Team">The named team, or null ("unsubscribe" alone, "list subscriptions").</param>
/// <param name="Topic">The named topic, or null when no team is named.</param>
public sealed record SubscriptionRequest(SubscriptionVerb Verb, string? Team, SubscriptionTopic? Topic);
