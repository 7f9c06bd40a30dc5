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
public sealed class AnomalyAlertJob(AnomalyAlertPublisher publisher, ICostQueryService costs, ImportWatermark<AnomalyAlertJob> watermark, StartupState? startup = null)
    : ImportFollowingJob(costs, watermark, startup)
{
    public static readonly JobKey Key = new("anomaly-alerts", "anomalies");

    protected override Task RunAsync(DataCoverage? coverage, CancellationToken cancellationToken) => publisher.PublishAsync(coverage, cancellationToken);
}
