using System.Threading.RateLimiting;

namespace FinOps.Teams.Connector;

/// <summary>
/// Paces outgoing connector calls to Teams' published bot limits: per conversation about 7 operations a
/// second and 60 per 30 seconds, per tenant about 30 a second. Callers wait in a queue instead of being throttled by Teams.
/// </summary>
public sealed class ConnectorRateLimiter : IAsyncDisposable, IDisposable
{
    private const int QueueLimit = 10_000;
    private readonly PartitionedRateLimiter<ConnectorTarget> _limiter;

    public ConnectorRateLimiter()
        : this(ConnectorPacing.Teams)
    {
    }

    public ConnectorRateLimiter(ConnectorPacing pacing)
    {
        ArgumentNullException.ThrowIfNull(pacing);
        var perConversationPerSecond = PartitionedRateLimiter.Create<ConnectorTarget, string>(target =>
            RateLimitPartition.GetTokenBucketLimiter(target.ConversationId, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = pacing.PerConversationBurst,
                TokensPerPeriod = pacing.PerConversationBurst,
                ReplenishmentPeriod = pacing.BurstPeriod,
                QueueLimit = QueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            }));
        var perConversationPer30Seconds = PartitionedRateLimiter.Create<ConnectorTarget, string>(target =>
            RateLimitPartition.GetSlidingWindowLimiter(target.ConversationId, _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = pacing.PerConversationWindow,
                Window = pacing.Window,
                SegmentsPerWindow = 6,
                QueueLimit = QueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            }));
        var perTenant = PartitionedRateLimiter.Create<ConnectorTarget, string>(target =>
            RateLimitPartition.GetTokenBucketLimiter(target.TenantId ?? string.Empty, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = pacing.PerTenant,
                TokensPerPeriod = pacing.PerTenant,
                ReplenishmentPeriod = pacing.BurstPeriod,
                QueueLimit = QueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            }));
        // The longest window first: a call waiting for the 30-second window must not hold per-second tokens meanwhile, or
        // every call queued behind that window goes out at once when it frees (measured: 30 calls in one second).
        _limiter = PartitionedRateLimiter.CreateChained(perConversationPer30Seconds, perConversationPerSecond, perTenant);
    }

    /// <summary>Waits for a permit to call the connector for <paramref name="target"/>; dispose the lease after the call.</summary>
    public async ValueTask<RateLimitLease> AcquireAsync(ConnectorTarget target, CancellationToken cancellationToken)
    {
        var lease = await _limiter.AcquireAsync(target, 1, cancellationToken);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw new BotConnectorException($"Outgoing Teams queue for conversation is full ({QueueLimit} waiting).");
        }

        return lease;
    }

    public ValueTask DisposeAsync() => _limiter.DisposeAsync();

    public void Dispose() => _limiter.Dispose();
}
