namespace FinOps.Conversation.Subscriptions;

/// <summary>The kinds of subscription command.</summary>
public enum SubscriptionVerb
{
    /// <summary>"subscribe this channel to payments digests".</summary>
    Subscribe,

    /// <summary>"unsubscribe this channel from payments digests", or "unsubscribe" for everything here.</summary>
    Unsubscribe,

    /// <summary>"list subscriptions".</summary>
    List,
}
