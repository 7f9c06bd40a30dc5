using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FinOps.Slack.Outbound;

/// <summary>Every <see cref="SlackOptions.OutboxPollInterval"/>, delivers the due Slack messages of the outbox.</summary>
public sealed partial class SlackOutboxDispatcher(
    IServiceScopeFactory scopeFactory, IOptions<SlackOptions> options, TimeProvider timeProvider, ILogger<SlackOutboxDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.OutboxPollInterval, timeProvider);
        try
        {
            do
            {
                try
                {
                    await using var scope = scopeFactory.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<SlackOutboundDelivery>().DeliverDueAsync(stoppingToken);
                }
                catch (ObjectDisposedException ex) when (ex.ObjectName == nameof(IServiceProvider) || stoppingToken.IsCancellationRequested)
                {
                    // The host was torn down around this pass (a start that failed, e.g. the port in use): its services are gone.
                    return;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The store itself failed (e.g. database down); the next tick tries again.
                    LogPassFailed(logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack outbox pass failed")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
