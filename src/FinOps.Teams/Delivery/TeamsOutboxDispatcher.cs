using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FinOps.Teams.Delivery;

/// <summary>At start and every <see cref="TeamsDeliveryOptions.PollInterval"/>, delivers the due proactive Teams messages of the queue.</summary>
public sealed partial class TeamsOutboxDispatcher(
    IServiceScopeFactory scopeFactory, IOptions<TeamsDeliveryOptions> options, TimeProvider timeProvider, ILogger<TeamsOutboxDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, timeProvider);
        try
        {
            do
            {
                try
                {
                    await using var scope = scopeFactory.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<TeamsOutboundDelivery>().DeliverDueAsync(stoppingToken);
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
            // Shutting down: what is still queued is delivered after the next start.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Teams outbox pass failed")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
