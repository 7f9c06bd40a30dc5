namespace FinOps.Core.Subscriptions;

/// <summary>Subscriptions held in memory: for hosts without the storage layer (unit hosts, tests).</summary>
public sealed class InMemorySubscriptionStore : ISubscriptionStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ChannelSubscription> _subscriptions = new(StringComparer.Ordinal);
    private readonly List<SubscriptionChange> _changes = [];

    public Task SubscribeAsync(ChannelSubscription subscription, SubscriptionChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            _subscriptions[subscription.Key] = subscription;
            _changes.Add(change);
        }

        return Task.CompletedTask;
    }

    public Task<bool> UnsubscribeAsync(string key, SubscriptionChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            if (!_subscriptions.Remove(key))
            {
                return Task.FromResult(false);
            }

            _changes.Add(change);
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<ChannelSubscription>> ListAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ChannelSubscription>>([.. _subscriptions.Values.OrderBy(s => s.Key, StringComparer.Ordinal)]);
        }
    }

    public Task<IReadOnlyList<SubscriptionChange>> ListChangesAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<SubscriptionChange>>([.. _changes]);
        }
    }
}
