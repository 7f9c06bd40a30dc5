using FinOps.Storage.Metrics;
using Microsoft.Extensions.Options;

namespace FinOps.Bot.Hosting;

/// <summary>Creates the watched business-metrics folder, imports its CSVs at start and then new or changed ones every <see cref="BusinessMetricsOptions.PollInterval"/>.</summary>
/// <remarks>
/// Polling, like the allocation rules' reload, works the same on every file system. A rejected file is logged with its
/// file, line and column and stays rejected until it changes; nothing from it is stored.
/// </remarks>
public sealed partial class MetricsFolderService(
    BusinessMetricFolder folder,
    IOptions<BusinessMetricsOptions> options,
    TimeProvider timeProvider,
    ILogger<MetricsFolderService> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder.Path);
        LogWatching(logger, folder.Path);
        await ScanAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await ScanAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }

    private async Task ScanAsync(CancellationToken cancellationToken)
    {
        try
        {
            await folder.ScanAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogScanFailed(logger, folder.Path, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching {Folder} for business-metrics CSVs (date,metric,value[,team]); see README 'Unit economics'.")]
    private static partial void LogWatching(ILogger logger, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The business-metrics folder {Folder} could not be read; trying again at the next poll.")]
    private static partial void LogScanFailed(ILogger logger, string folder, Exception exception);
}
