using FinOps.Core.Reliability;
using FinOps.Slack.WebApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FinOps.Slack.Inbound;

/// <summary>
/// Processes the durable <see cref="SlackInbox"/>: at start (resuming work a previous process acknowledged but did not finish),
/// whenever new work is stored, and every <see cref="SlackOptions.InboxPollInterval"/>; at most
/// <see cref="SlackOptions.WorkerCount"/> items at once, each in its own DI scope.
/// </summary>
/// <remarks>
/// An item is worked only under an exclusive claim (<see cref="IWorkQueue.TryClaimAsync"/>, leased for
/// <see cref="SlackOptions.ProcessingLease"/>), so no two workers, in this process or another, run it at once.
/// An item is marked sent only after its side effects completed; a crash before that leaves it pending and the idempotency
/// store's completed keys stop the next attempt from answering twice. Transient failures are retried with exponential
/// backoff up to <see cref="SlackOptions.InboxMaxAttempts"/>; permanent ones (Slack refusing the call, unreadable work)
/// are given up at once. Attempts under way finish when the host stops.
/// </remarks>
public sealed partial class SlackWorker(
    IWorkQueue outbox,
    SlackInbox inbox,
    IServiceScopeFactory scopeFactory,
    IOptions<SlackOptions> options,
    TimeProvider timeProvider,
    ILogger<SlackWorker> logger) : BackgroundService
{
    private const int BatchSize = 50;

    // Who holds an item's claim: unique per worker, so items claimed by a process that died are told apart and taken over.
    private readonly string _owner = Environment.MachineName + ":" + Environment.ProcessId + ":" + Guid.NewGuid().ToString("N");
    private readonly HashSet<long> _running = [];
    private readonly Lock _gate = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var slots = new SemaphoreSlim(settings.WorkerCount);
        var attempts = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                IReadOnlyList<QueuedWork> due;
                try
                {
                    due = await outbox.GetDueAsync(SlackInbox.Channel, BatchSize, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // The store itself failed (e.g. database down); the next poll tries again.
                    LogPassFailed(logger, ex);
                    due = [];
                }

                foreach (var message in due)
                {
                    lock (_gate)
                    {
                        if (!_running.Add(message.Id))
                        {
                            continue;
                        }
                    }

                    await slots.WaitAsync(stoppingToken);
                    attempts.RemoveAll(t => t.IsCompleted);
                    attempts.Add(RunAsync(message, slots));
                }

                if (due.Count == BatchSize)
                {
                    continue;
                }

                // The poll timer is dropped when stored work wakes the worker first, so wake-ups do not pile up timers.
                using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                await inbox.WaitAsync(Task.Delay(settings.InboxPollInterval, timeProvider, poll.Token), stoppingToken);
                await poll.CancelAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: nothing new is started; items not started stay pending and are resumed by the next start.
        }

        // Attempts under way finish (within the host's shutdown timeout) rather than being cut off half-answered.
        await Task.WhenAll(attempts);
    }

    private async Task RunAsync(QueuedWork message, SemaphoreSlim slots)
    {
        try
        {
            // The due list may be stale (the item finished meanwhile) and other instances poll the same queue: only the
            // one claim that wins does the work, so lookups and other side effects run once per attempt, not per poller.
            if (!await outbox.TryClaimAsync(message.Id, _owner, options.Value.ProcessingLease, CancellationToken.None))
            {
                LogNotClaimed(logger, message.Id);
                return;
            }

            await AttemptAsync(message);
        }
        catch (Exception ex)
        {
            // Recording the outcome failed (store down): the item stays pending and is attempted on a later poll.
            LogRecordFailed(logger, message.Id, ex);
        }
        finally
        {
            lock (_gate)
            {
                _running.Remove(message.Id);
            }

            slots.Release();
        }
    }

    /// <summary>One attempt at one inbox item, recording its outcome in the outbox.</summary>
    private async Task AttemptAsync(QueuedWork message)
    {
        // Outcomes are recorded even while the host stops: a finished answer must be marked done.
        var record = CancellationToken.None;
        var settings = options.Value;
        if (SlackInbox.Deserialize(message.Payload) is not { } item)
        {
            await outbox.MarkFailedAsync(message.Id, "unreadable payload", null, record);
            LogGivenUp(logger, message.Id, "unreadable payload");
            return;
        }

        // Not cancelled at shutdown nor at the lease's end: cutting an attempt off between the post and recording it is
        // exactly what would answer twice. Web API calls bound it (attempt timeout and retries); within this process an
        // item is never attempted twice at once, so only another instance could overlap an attempt outliving its lease.
        SlackWorkOutcome outcome;
        try
        {
            await using var scope = scopeFactory.CreateAsyncScope();
            // An earlier attempt that failed, or whose worker died holding the claim, may have answered before its outcome was lost.
            var mayHaveAnswered = message.Attempts > 0 || message.Abandoned;
            outcome = await scope.ServiceProvider.GetRequiredService<SlackWorkProcessor>().ProcessAsync(item, mayHaveAnswered, CancellationToken.None);
        }
        catch (Exception ex)
        {
            var error = ex is SlackApiException slack ? slack.Error : ex.GetType().Name;
            var retryAt = NextAttempt(message.Attempts + 1, ex);
            await outbox.MarkFailedAsync(message.Id, error, retryAt, record);
            if (retryAt is null)
            {
                LogGivenUp(logger, message.Id, error);
            }
            else
            {
                LogFailed(logger, item.GetType().Name, message.Id, retryAt.Value, ex);
            }

            return;
        }

        if (outcome == SlackWorkOutcome.Done)
        {
            await outbox.MarkSentAsync(message.Id, null, record);
            return;
        }

        // Claimed elsewhere: by the time the lease has run out the holder has completed it or died and let it go.
        var retry = message.Attempts + 1 < settings.InboxMaxAttempts ? timeProvider.GetUtcNow() + settings.ProcessingLease : (DateTimeOffset?)null;
        await outbox.MarkFailedAsync(message.Id, "claimed by another attempt", retry, record);
    }

    /// <summary>When to try again after <paramref name="attempts"/> failed attempts; null to give up.</summary>
    private DateTimeOffset? NextAttempt(int attempts, Exception failure)
    {
        var settings = options.Value;
        return SlackRetryDelay.NextAttempt(
            attempts, failure as SlackApiException, settings.InboxMaxAttempts, settings.InboxRetryBaseDelay, settings.InboxMaxRetryDelay, timeProvider.GetUtcNow());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Item} (inbox {Id}) failed; next attempt {RetryAt}")]
    private static partial void LogFailed(ILogger logger, string item, long id, DateTimeOffset retryAt, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack inbox item {Id} given up: {Error}")]
    private static partial void LogGivenUp(ILogger logger, long id, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack inbox poll failed")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Slack inbox item {Id} is claimed or finished by another attempt")]
    private static partial void LogNotClaimed(ILogger logger, long id);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not record the outcome of Slack inbox item {Id}")]
    private static partial void LogRecordFailed(ILogger logger, long id, Exception exception);
}
