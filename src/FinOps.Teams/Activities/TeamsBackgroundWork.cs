using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using FinOps.Core.Reliability;
using FinOps.Teams.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FinOps.Teams.Activities;

/// <summary>
/// Slow Teams answers, durably: the activity is stored in the work queue (channel <see cref="Channel"/>) before Teams gets
/// its 200, and this worker answers it. Within the process the answer already being computed is used; after a restart
/// (or when that computation failed) <see cref="TeamsActivityHandler.ResumeAsync"/> computes it again from the stored activity.
/// </summary>
/// <remarks>
/// An item is worked only under the queue's exclusive claim, leased for <see cref="TeamsDeliveryOptions.ProcessingLease"/>.
/// The reply is claimed under <see cref="ReplyScope"/> and recorded there as soon as the connector answers, then the item is
/// marked sent: a crash between the two finds the record and does not reply again. Transient failures are retried with
/// backoff (honouring Retry-After); permanent ones (the conversation is gone, 403/404) are given up at once. The Bot
/// Connector cannot be asked whether a post arrived (see <see cref="TeamsOutboundDelivery"/>), so only a crash between the
/// connector's answer and that record can reply twice. Attempts under way finish when the host stops.
/// </remarks>
public sealed partial class TeamsBackgroundWork(
    IWorkQueue outbox,
    IIdempotencyStore idempotency,
    IServiceScopeFactory scopeFactory,
    IOptions<TeamsDeliveryOptions> options,
    TimeProvider timeProvider,
    ILogger<TeamsBackgroundWork> logger) : BackgroundService
{
    /// <summary>The queue channel holding slow Teams work.</summary>
    public const string Channel = "teams-inbound";

    /// <summary>Where each reply is claimed and recorded.</summary>
    public const string ReplyScope = "teams.reply";

    private const int BatchSize = 50;

    private readonly string _owner = Environment.MachineName + ":" + Environment.ProcessId + ":" + Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<string, Func<CancellationToken, Task>> _inFlight = new(StringComparer.Ordinal);
    private readonly HashSet<long> _running = [];
    private readonly Lock _gate = new();
    private readonly Channel<bool> _signal = System.Threading.Channels.Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    /// <summary>
    /// Stores <paramref name="work"/>; <paramref name="running"/> finishes it with the computation already under way (used
    /// by this process's worker unless the process stops first). False when the same activity is stored already.
    /// </summary>
    /// <exception cref="Exception">Whatever the queue throws when it cannot store: the caller must not acknowledge.</exception>
    public async Task<bool> EnqueueAsync(TeamsQueuedWork work, Func<CancellationToken, Task> running, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(running);
        var key = QueueKey(work);
        var added = _inFlight.TryAdd(key, running);
        bool stored;
        try
        {
            stored = await outbox.EnqueueAsync(Channel, key, Serialize(work), cancellationToken);
        }
        catch
        {
            if (added)
            {
                _inFlight.TryRemove(key, out _);
            }

            throw;
        }

        if (!stored && added)
        {
            // A redelivery of work stored before: that item is answered (or resumed) on its own.
            _inFlight.TryRemove(key, out _);
        }

        _signal.Writer.TryWrite(true);
        return stored;
    }

    public static string QueueKey(TeamsQueuedWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return Channel + ":" + work.Key;
    }

    public static string Serialize(TeamsQueuedWork work) => JsonSerializer.Serialize(work, TeamsJson.Options);

    /// <summary>The stored work, or null when the payload is not readable work.</summary>
    public static TeamsQueuedWork? Deserialize(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize<TeamsQueuedWork>(payload, TeamsJson.Options) is { Kind: not null, Activity: not null } work ? work : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var attempts = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                IReadOnlyList<QueuedWork> due;
                try
                {
                    due = await outbox.GetDueAsync(Channel, BatchSize, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogPassFailed(logger, ex);
                    due = [];
                }

                foreach (var item in due)
                {
                    lock (_gate)
                    {
                        if (!_running.Add(item.Id))
                        {
                            continue;
                        }
                    }

                    // Items run concurrently: one slow answer must not hold up the others.
                    attempts.RemoveAll(t => t.IsCompleted);
                    attempts.Add(RunAsync(item));
                }

                if (due.Count == BatchSize)
                {
                    continue;
                }

                using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var delay = Task.Delay(settings.PollInterval, timeProvider, poll.Token);
                var woken = _signal.Reader.WaitToReadAsync(poll.Token).AsTask();
                await Task.WhenAny(delay, woken);
                await poll.CancelAsync();
                stoppingToken.ThrowIfCancellationRequested();
                _signal.Reader.TryRead(out _);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: items not started stay queued and are resumed by the next start.
        }

        // Attempts under way finish (within the host's shutdown timeout) rather than being cut off half-answered.
        await Task.WhenAll(attempts);
    }

    private async Task RunAsync(QueuedWork item)
    {
        await Task.Yield();
        try
        {
            if (!await outbox.TryClaimAsync(item.Id, _owner, options.Value.ProcessingLease, CancellationToken.None))
            {
                return;
            }

            await AttemptAsync(item);
        }
        catch (Exception ex)
        {
            // Recording the outcome failed (store down): the item stays queued and is attempted again after its lease.
            LogRecordFailed(logger, item.Id, ex);
        }
        finally
        {
            lock (_gate)
            {
                _running.Remove(item.Id);
            }
        }
    }

    private async Task AttemptAsync(QueuedWork item)
    {
        // Not cancelled at shutdown: cutting an attempt off between the reply and its record is what would reply twice.
        var none = CancellationToken.None;
        var settings = options.Value;
        if (Deserialize(item.Payload) is not { } work)
        {
            _inFlight.TryRemove(item.IdempotencyKey, out _);
            await outbox.MarkFailedAsync(item.Id, "unreadable payload", null, none);
            LogGivenUp(logger, item.Id, "unreadable payload");
            return;
        }

        var key = item.IdempotencyKey;
        if (await idempotency.GetResultAsync(ReplyScope, key, none) is not null)
        {
            // Answered by a process that stopped before marking the item: record it, do not answer again.
            _inFlight.TryRemove(key, out _);
            await outbox.MarkSentAsync(item.Id, null, none);
            return;
        }

        if (!await idempotency.TryClaimAsync(ReplyScope, key, settings.ProcessingLease, none))
        {
            await outbox.MarkFailedAsync(item.Id, "claimed by another attempt", timeProvider.GetUtcNow() + settings.ProcessingLease, none);
            return;
        }

        try
        {
            if (_inFlight.TryRemove(key, out var running))
            {
                await running(none);
            }
            else
            {
                await using var scope = scopeFactory.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<TeamsActivityHandler>().ResumeAsync(work, none);
            }
        }
        catch (Exception ex)
        {
            await idempotency.ReleaseAsync(ReplyScope, key, none);
            var error = TeamsRetryDelay.Describe(ex);
            var retryAt = TeamsRetryDelay.NextAttempt(item.Attempts + 1, ex, settings, timeProvider.GetUtcNow());
            await outbox.MarkFailedAsync(item.Id, error, retryAt, none);
            if (retryAt is null)
            {
                LogGivenUp(logger, item.Id, error);
            }
            else
            {
                LogFailed(logger, work.Kind, item.Id, retryAt.Value, ex);
            }

            return;
        }

        await idempotency.CompleteAsync(ReplyScope, key, "sent", none);
        await outbox.MarkSentAsync(item.Id, null, none);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams {Kind} (queue item {Id}) failed; next attempt {RetryAt}")]
    private static partial void LogFailed(ILogger logger, string kind, long id, DateTimeOffset retryAt, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Teams queue item {Id} given up: {Error}")]
    private static partial void LogGivenUp(ILogger logger, long id, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Teams queue poll failed")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not record the outcome of Teams queue item {Id}")]
    private static partial void LogRecordFailed(ILogger logger, long id, Exception exception);
}
