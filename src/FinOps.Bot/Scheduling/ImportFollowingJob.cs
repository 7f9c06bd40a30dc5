using FinOps.Bot.Hosting;
using FinOps.Core.Query;
using Quartz;

namespace FinOps.Bot.Scheduling;

/// <summary>
/// A Quartz job with two triggers: the daily one always runs; the import check (job data <see cref="ModeKey"/> =
/// <see cref="ImportsMode"/>) runs only when the store's last import time differs from the one last run for, so the job
/// follows every import, including imports made by the CLI in another process. Nothing runs before the host's start-up
/// (migration, demo seeding) is done: the next check after it runs (the import time is new to it).
/// </summary>
public abstract class ImportFollowingJob(ICostQueryService costs, ImportWatermark watermark, StartupState? startup) : IJob
{
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

        await RunAsync(coverage, cancellationToken);
        watermark.Evaluated(coverage?.LastImportedAt);
    }

    /// <summary>The job's work, given what the store holds now (null when it is empty).</summary>
    protected abstract Task RunAsync(DataCoverage? coverage, CancellationToken cancellationToken);
}
