using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace FinOps.Slack.Inbound;

/// <summary>Bounded queue between the acknowledging endpoints (HTTP and Socket Mode) and the background workers.</summary>
public sealed class SlackWorkBacklog
{
    private static readonly TimeSpan MaxWaitForRoom = TimeSpan.FromSeconds(1);
    private readonly Channel<SlackWorkItem> _channel;

    public SlackWorkBacklog(IOptions<SlackOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _channel = Channel.CreateBounded<SlackWorkItem>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });
    }

    public ChannelReader<SlackWorkItem> Reader => _channel.Reader;

    /// <summary>
    /// Queues <paramref name="item"/>, waiting at most a second for room so the acknowledgement stays within Slack's
    /// three seconds; false when the queue stayed full (the caller answers 503 and Slack retries later).
    /// </summary>
    public async ValueTask<bool> TryEnqueueAsync(SlackWorkItem item, CancellationToken cancellationToken)
    {
        if (_channel.Writer.TryWrite(item))
        {
            return true;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(MaxWaitForRoom);
        try
        {
            await _channel.Writer.WriteAsync(item, timeout.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
