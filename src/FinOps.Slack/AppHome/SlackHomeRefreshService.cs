using FinOps.Core.Query;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FinOps.Slack.AppHome;

/// <summary>
/// Watches the cost data's last import time (<see cref="DataCoverage.LastImportedAt"/>, which also sees imports made by
/// the <c>import</c> verb in another process) every <see cref="SlackHomeRefreshOptions.CheckInterval"/>, and after each
/// new import has <see cref="SlackHomeRefresher"/> re-publish the App Home tabs of recent viewers.
/// </summary>
/// <remarks>
/// The first observation only sets the baseline: a restart does not refresh every tab. While nobody has opened the tab
/// recently the cost data is not read at all.
/// </remarks>
public sealed partial class SlackHomeRefreshService(
    IServiceScopeFactory scopes, IOptions<SlackHomeRefreshOptions> options, TimeProvider time, ILogger<SlackHomeRefreshService> logger)
    : BackgroundService
{
    private bool _observed;
    private DateTimeOffset? _lastImport;

    /// <summary>Checks once; returns how many tabs were re-published (0 when nothing new was imported).</summary>
    public async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var settings = options.Value;

        // Nobody to refresh: the cost data is not even looked at (it would load the cube in an idle process).
        if (scope.ServiceProvider.GetService<ICostQueryService>() is not { } queries
            || (await scope.ServiceProvider.GetRequiredService<ISlackHomeViewers>().ListRecentAsync(time.GetUtcNow() - settings.RecentWithin, 1, cancellationToken)).Count == 0)
        {
            return 0;
        }

        var imported = (await queries.GetCoverageAsync(cancellationToken))?.LastImportedAt;
        var isNew = _observed && imported is not null && imported != _lastImport;
        _observed = true;
        _lastImport = imported ?? _lastImport;
        return isNew ? await scope.ServiceProvider.GetRequiredService<SlackHomeRefresher>().RefreshAsync(cancellationToken) : 0;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.CheckInterval, time);
        try
        {
            // The first check waits one interval: startup (migrations, first-run seeding) is left alone.
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await CheckAsync(stoppingToken);
                }
                catch (ObjectDisposedException ex) when (ex.ObjectName == nameof(IServiceProvider) || stoppingToken.IsCancellationRequested)
                {
                    // The host was torn down around this pass (a start that failed, e.g. the port in use): its services are gone.
                    return;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The store may not be ready yet or be busy importing: the next tick tries again.
                    LogCheckFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "App Home refresh check failed; trying again at the next interval")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);
}
