using System.Text.Json;
using System.Threading.Channels;
using FinOps.Core.Reliability;

namespace FinOps.Slack.Inbound;

/// <summary>
/// The durable inbox: verified Slack work is stored in the <see cref="IWorkQueue"/> (channel <see cref="Channel"/>) before
/// Slack is acknowledged, so work acknowledged and then interrupted by a restart is resumed, never lost.
/// </summary>
/// <remarks>
/// Storing is keyed: a Slack retry of a stored delivery stores nothing new and is simply acknowledged again.
/// A store wakes <see cref="SlackWorker"/> at once; the worker also polls, which resumes work after a restart
/// and picks up retries that become due.
/// </remarks>
public sealed class SlackInbox(IWorkQueue outbox)
{
    /// <summary>The outbox channel holding inbound Slack work.</summary>
    public const string Channel = "slack-inbound";

    private readonly Channel<bool> _signal = System.Threading.Channels.Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    /// <summary>Stores <paramref name="item"/> unless work with <paramref name="idempotencyKey"/> is stored; false for a duplicate.</summary>
    /// <exception cref="Exception">Whatever the outbox throws when it cannot store: the caller must not acknowledge.</exception>
    public async Task<bool> StoreAsync(string idempotencyKey, SlackWorkItem item, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        ArgumentNullException.ThrowIfNull(item);
        // Outbox keys may be unique across channels (the database's are), so the channel name keeps inbound keys apart.
        var stored = await outbox.EnqueueAsync(Channel, Channel + ":" + idempotencyKey, Serialize(item), cancellationToken);
        Wake();
        return stored;
    }

    /// <summary>Asks the worker to look for due work now.</summary>
    public void Wake() => _signal.Writer.TryWrite(true);

    /// <summary>Waits until <see cref="Wake"/> is called or <paramref name="poll"/> completes.</summary>
    public async Task WaitAsync(Task poll, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(poll);
        if (_signal.Reader.TryRead(out _))
        {
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var woken = _signal.Reader.WaitToReadAsync(stop.Token).AsTask();
        await Task.WhenAny(woken, poll);
        await stop.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        _signal.Reader.TryRead(out _);
    }

    public static string Serialize(SlackWorkItem item) => JsonSerializer.Serialize(item);

    /// <summary>The stored work, or null when the payload is not readable work.</summary>
    public static SlackWorkItem? Deserialize(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize<SlackWorkItem>(payload);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }
}
