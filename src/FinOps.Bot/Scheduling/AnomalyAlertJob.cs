using FinOps.Bot.Hosting;
using FinOps.Core.Query;
using Quartz;

namespace FinOps.Bot.Scheduling;

/// <summary>Quartz job that runs the anomaly detector and sends new incidents; safe to fire twice (see <see cref="AnomalyAlertPublisher"/>).</summary>
/// <remarks>
/// Two triggers: the daily one (<c>AnomalyAlerts:DailyCron</c>) always runs; the import check (every
/// <c>AnomalyAlerts:ImportCheckInterval</c>) runs when the store's last import time differs from the one last detected
/// for, so detection follows every import, including CLI imports in another process. Nothing runs before start-up is done.
/// </remarks>
[DisallowConcurrentExecution]
public sealed class AnomalyAlertJob(AnomalyAlertPublisher publisher, ICostQueryService costs, AnomalyImportWatermark watermark, StartupState? startup = null) : IJob
{
    public static readonly JobKey Key = new("anomaly-alerts", "anomalies");

    /// <summary>Job data key: <see cref="ImportsMode"/> for the import-check trigger; absent for the daily one.</summary>
    public const string ModeKey = "mode";

    public const string ImportsMode = "imports";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (startup is { IsReady: false })
        {
            return;
        }

        var coverage = await costs.GetCoverageAsync(cancellationToken);
        if (string.Equals(context.MergedJobDataMap?.GetString(ModeKey), ImportsMode, StringComparison.Ordinal)
            && !watermark.HasChanged(coverage?.LastImportedAt))
        {
            return;
        }

        await publisher.PublishAsync(coverage, cancellationToken);
        watermark.Evaluated(coverage?.LastImportedAt);
    }
}
