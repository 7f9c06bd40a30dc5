using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace FinOps.Slack.WebApi;

/// <summary>Paces posts to about one message per <see cref="SlackOptions.PostInterval"/> per channel, so fan-outs stay under Slack's limits.</summary>
public sealed class SlackPostPacer : IDisposable
{
    private const int MaxQueuedPerChannel = 1000;
    private readonly PartitionedRateLimiter<string>? _limiter;

    public SlackPostPacer(IOptions<SlackOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var interval = options.Value.PostInterval;
        if (interval > TimeSpan.Zero)
        {
            _limiter = PartitionedRateLimiter.Create<string, string>(channel => RateLimitPartition.GetTokenBucketLimiter(
                channel,
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = 1,
                    TokensPerPeriod = 1,
                    ReplenishmentPeriod = interval,
                    QueueLimit = MaxQueuedPerChannel,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    AutoReplenishment = true,
                }));
        }
    }

    /// <summary>Waits for the channel's turn; dispose the lease after posting.</summary>
    public async ValueTask<IDisposable> WaitTurnAsync(string channel, CancellationToken cancellationToken)
    {
        if (_limiter is null)
        {
            return NoLease.Instance;
        }

        var lease = await _limiter.AcquireAsync(channel, 1, cancellationToken);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw new SlackApiException("chat.postMessage", "ratelimited");
        }

        return lease;
    }

    public void Dispose() => _limiter?.Dispose();

    private sealed class NoLease : IDisposable
    {
        public static readonly NoLease Instance = new();

        public void Dispose()
        {
        }
    }
}
