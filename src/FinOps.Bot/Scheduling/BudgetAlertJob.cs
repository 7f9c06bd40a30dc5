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
public sealed class BudgetAlertJob(BudgetAlertPublisher publisher, ICostQueryService costs, BudgetImportWatermark watermark, StartupState? startup = null) : IJob
{
    public static readonly JobKey Key = new("budget-alerts", "budgets");

    /// <summary>Job data key: <see cref="ImportsMode"/> for the import-check trigger; absent for the daily one.</summary>
    public const string ModeKey = "mode";

    public const string ImportsMode = "imports";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (startup is { IsReady: false })
        {
            // Still migrating or seeding the store: the next check, after start-up, evaluates (the import time is new to it).
            return;
        }

        var coverage = await costs.GetCoverageAsync(cancellationToken);
        if (string.Equals(context.MergedJobDataMap?.GetString(ModeKey), ImportsMode, StringComparison.Ordinal)
            && !watermark.HasChanged(coverage?.LastImportedAt))
        {
            return;
        }

        await publisher.PublishAsync(cancellationToken);
        watermark.Evaluated(coverage?.LastImportedAt);
    }
}
