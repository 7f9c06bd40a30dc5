using System.Threading.RateLimiting;

namespace FinOps.Teams.Connector;

/// <summary>
/// Paces outgoing connector calls to Teams' published bot limits (<see cref="ConnectorPacing.Teams"/>): every window of
/// one conversation and the tenant's. Callers wait in a queue instead of being throttled by Teams.
/// </summary>
/// <remarks>
/// Each limit is a sliding window of 11 segments spanning 1.1 times its window, so a permit comes back no sooner than a
/// full window after it was taken: no span of that window ever holds more calls than the limit (a token bucket, or a
/// window of exactly that length, lets up to twice the limit through around a refill).
/// </remarks>
public sealed class ConnectorRateLimiter : IAsyncDisposable, IDisposable
{
    private const int QueueLimit = 10_000;
    private const int Segments = 11;
    private readonly PartitionedRateLimiter<ConnectorTarget> _limiter;

    public ConnectorRateLimiter()
        : this(ConnectorPacing.Teams)
    {
    }

    public ConnectorRateLimiter(ConnectorPacing pacing)
    {
        ArgumentNullException.ThrowIfNull(pacing);
        // The longest window first: a call waiting for a long window must not hold short-window permits meanwhile, or
        // every call queued behind it goes out at once when it frees (measured: 30 calls in one second).
        var limiters = pacing.PerConversation
            .OrderByDescending(w => w.Window)
            .Select(w => Partitioned(w, target => target.ConversationId))
            .Append(Partitioned(pacing.PerTenant, target => target.TenantId ?? string.Empty))
            .ToArray();
        _limiter = PartitionedRateLimiter.CreateChained(limiters);
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

    private static PartitionedRateLimiter<ConnectorTarget> Partitioned(PacingWindow limit, Func<ConnectorTarget, string> key) =>
        PartitionedRateLimiter.Create<ConnectorTarget, string>(target =>
            RateLimitPartition.GetSlidingWindowLimiter(key(target), _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = limit.Operations,
                Window = limit.Window * Segments / (Segments - 1),
                SegmentsPerWindow = Segments,
                QueueLimit = QueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            }));

    public void Dispose() => _limiter.Dispose();
}
