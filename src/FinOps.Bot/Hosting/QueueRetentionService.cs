using FinOps.Core.Reliability;
using FinOps.Storage.Queue;
using Microsoft.Extensions.Options;

namespace FinOps.Bot.Hosting;

/// <summary>
/// Every <see cref="QueueRetentionOptions.PurgeInterval"/>, deletes sent queue rows older than <see cref="QueueRetentionOptions.Sent"/>
/// and dead letters older than <see cref="QueueRetentionOptions.Dead"/>, so the queue file does not grow without end.
/// </summary>
public sealed partial class QueueRetentionService(
    IWorkQueue outbox, IOptions<QueueRetentionOptions> options, TimeProvider timeProvider, ILogger<QueueRetentionService> logger) : BackgroundService
{
    /// <summary>One purge by the configured ages; returns how many rows were deleted.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var retention = options.Value;
        var now = timeProvider.GetUtcNow();
        var purged = await outbox.PurgeAsync(now - retention.Sent, now - retention.Dead, cancellationToken);
        if (purged > 0)
        {
            LogPurged(logger, purged);
        }

        return purged;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PurgeInterval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await PurgeAsync(stoppingToken);
                }
                catch (ObjectDisposedException ex) when (ex.ObjectName == nameof(IServiceProvider) || stoppingToken.IsCancellationRequested)
                {
                    // The host was torn down around this pass (a start that failed, e.g. the port in use): its services are gone.
                    return;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The queue file is busy or unreachable; the next tick tries again and nothing is lost meanwhile.
                    LogPurgeFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Queue retention purged {Count} sent or dead rows")]
    private static partial void LogPurged(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue retention purge failed")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}
