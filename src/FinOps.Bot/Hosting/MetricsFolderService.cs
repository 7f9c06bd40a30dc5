using FinOps.Storage.Metrics;
using Microsoft.Extensions.Options;

namespace FinOps.Bot.Hosting;

/// <summary>Creates the watched business-metrics folder and imports new or changed CSVs every <see cref="BusinessMetricsOptions.PollInterval"/>.</summary>
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
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            Directory.CreateDirectory(folder.Path);
            LogWatching(logger, folder.Path);
            using var timer = new PeriodicTimer(options.Value.PollInterval, timeProvider);
            do
            {
                try
                {
                    await folder.ScanAsync(stoppingToken);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    LogScanFailed(logger, folder.Path, e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching {Folder} for business-metrics CSVs (date,metric,value[,team]); see README 'Unit economics'.")]
    private static partial void LogWatching(ILogger logger, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The business-metrics folder {Folder} could not be read; trying again at the next poll.")]
    private static partial void LogScanFailed(ILogger logger, string folder, Exception exception);
}
