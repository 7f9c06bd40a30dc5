using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FinOps.Slack.Inbound;

/// <summary>Drains <see cref="SlackWorkBacklog"/> with <see cref="SlackOptions.WorkerCount"/> consumers, each item in its own DI scope.</summary>
public sealed partial class SlackWorker(
    SlackWorkBacklog queue, IServiceScopeFactory scopeFactory, IOptions<SlackOptions> options, ILogger<SlackWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.WorkerCount).Select(_ => ConsumeAsync(stoppingToken)));

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var item in queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopeFactory.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<SlackWorkProcessor>().ProcessAsync(item, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // One failed item must not stop the worker; its idempotency claim was released for a retry.
                    LogFailed(logger, item.GetType().Name, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack {Item} failed")]
    private static partial void LogFailed(ILogger logger, string item, Exception exception);
}
