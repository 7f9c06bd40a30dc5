using FinOps.Bot.Hosting;
using FinOps.Storage.Ingestion;
using Quartz;

namespace FinOps.Bot.Scheduling;

/// <summary>Quartz job that syncs one ingestion source (job data <see cref="SourceKey"/>) on that source's schedule.</summary>
/// <remarks>
/// Nothing runs before the host's start-up (migrations) is done; the next firing picks the work up. After the sync, the
/// admins hear once about each source that has gone stale (<see cref="StaleExportAlertPublisher"/>, in the web host).
/// </remarks>
[DisallowConcurrentExecution]
public sealed class IngestionSyncJob(IngestionSync sync, StartupState? startup = null, StaleExportAlertPublisher? staleAlerts = null) : IJob
{
    public const string SourceKey = "source";

    public const string Group = "ingestion";

    public static JobKey KeyFor(string source) => new("ingestion-sync-" + source, Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (startup is { IsReady: false })
        {
            return;
        }

        var name = context.MergedJobDataMap.GetString(SourceKey);
        var source = sync.Sources.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
        if (source is not null)
        {
            // The outcome (imported, rejected, failed) is logged and recorded in the source's sync state.
            await sync.SyncSourceAsync(source, null, cancellationToken);
        }

        if (staleAlerts is not null)
        {
            await staleAlerts.PublishAsync(cancellationToken);
        }
    }
}
