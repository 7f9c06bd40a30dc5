using FinOps.Bot.Hosting;
using FinOps.Core.Query;
using Quartz;

namespace FinOps.Bot.Scheduling;

/// <summary>Quartz job that evaluates budgets and sends threshold alerts; safe to fire twice (see <see cref="BudgetAlertPublisher"/>).</summary>
/// <remarks>
/// Two triggers: the daily one (<c>Budgets:DailyCron</c>) always evaluates; the import check (every
/// <c>Budgets:ImportCheckInterval</c>) evaluates when the store's last import time differs from the one last evaluated, so
/// budgets are evaluated after every import, including imports made by the CLI in another process. Nothing runs before the
/// host's start-up (migration, demo seeding) is done.
/// </remarks>
[DisallowConcurrentExecution]
public sealed class BudgetAlertJob(BudgetAlertPublisher publisher, ICostQueryService costs, ImportWatermark<BudgetAlertJob> watermark, StartupState? startup = null)
    : ImportFollowingJob(costs, watermark, startup)
{
    public static readonly JobKey Key = new("budget-alerts", "budgets");

    protected override Task RunAsync(DataCoverage? coverage, CancellationToken cancellationToken) => publisher.PublishAsync(cancellationToken);
}
