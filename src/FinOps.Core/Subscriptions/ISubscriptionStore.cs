namespace FinOps.Core.Subscriptions;

/// <summary>Durable channel subscriptions and their change log.</summary>
public interface ISubscriptionStore
{
    /// <summary>Stores the subscription (replacing one with the same <see cref="ChannelSubscription.Key"/>) and logs the change.</summary>
    Task SubscribeAsync(ChannelSubscription subscription, SubscriptionChange change, CancellationToken cancellationToken);

    /// <summary>Removes the subscription with this key and logs the change; false (nothing logged) when there was none.</summary>
    Task<bool> UnsubscribeAsync(string key, SubscriptionChange change, CancellationToken cancellationToken);

    Task<IReadOnlyList<ChannelSubscription>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The change log, oldest first.</summary>
    Task<IReadOnlyList<SubscriptionChange>> ListChangesAsync(CancellationToken cancellationToken);
}
