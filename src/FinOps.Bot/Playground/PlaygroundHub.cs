using System.Collections.Concurrent;
using System.Threading.Channels;

namespace FinOps.Bot.Playground;

/// <summary>Fans proactive playground messages out to the browser tabs listening for a user.</summary>
public sealed class PlaygroundHub
{
    private readonly ConcurrentDictionary<Guid, Subscriber> _subscribers = new();

    public int SubscriberCount => _subscribers.Count;

    /// <summary>Whether a tab listens as <paramref name="userId"/>; the hub keeps no backlog, so a message sent before is not seen.</summary>
    public bool IsListening(string userId) =>
        _subscribers.Values.Any(s => string.Equals(s.UserId, userId, StringComparison.Ordinal));

    /// <summary>Streams the messages addressed to <paramref name="userId"/> until the caller stops listening.</summary>
    public async IAsyncEnumerable<PlaygroundReply> SubscribeAsync(string userId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        // Bounded so a stalled tab cannot grow memory; a slow tab loses the oldest live updates, not the store's data.
        var channel = Channel.CreateBounded<PlaygroundReply>(new BoundedChannelOptions(100) { FullMode = BoundedChannelFullMode.DropOldest });
        _subscribers[id] = new Subscriber(userId, channel.Writer);
        try
        {
            await foreach (var reply in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return reply;
            }
        }
        finally
        {
            _subscribers.TryRemove(id, out _);
        }
    }

    /// <summary>Delivers to every tab of <paramref name="userId"/>, or to every tab when the address is the shared playground channel.</summary>
    public int Publish(string userId, PlaygroundReply reply)
    {
        var delivered = 0;
        foreach (var subscriber in _subscribers.Values)
        {
            if (string.Equals(userId, PlaygroundAddresses.Everyone, StringComparison.Ordinal)
                || string.Equals(subscriber.UserId, userId, StringComparison.Ordinal))
            {
                if (subscriber.Writer.TryWrite(reply))
                {
                    delivered++;
                }
            }
        }

        return delivered;
    }

    private sealed record Subscriber(string UserId, ChannelWriter<PlaygroundReply> Writer);
}
