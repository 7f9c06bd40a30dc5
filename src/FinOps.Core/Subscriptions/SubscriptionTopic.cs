namespace FinOps.Core.Subscriptions;

/// <summary>What a channel subscribes to for a team.</summary>
public enum SubscriptionTopic
{
    /// <summary>The weekly spend digest.</summary>
    Digest,

    /// <summary>Cost anomaly alerts.</summary>
    Anomalies,

    /// <summary>Budget alerts.</summary>
    Budgets,
}
