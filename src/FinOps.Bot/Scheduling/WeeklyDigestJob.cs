using Quartz;

namespace FinOps.Bot.Scheduling;

/// <summary>Quartz job that publishes the weekly digests; safe to fire twice (see <see cref="WeeklyDigestPublisher"/>).</summary>
[DisallowConcurrentExecution]
public sealed class WeeklyDigestJob(WeeklyDigestPublisher publisher) : IJob
{
    public static readonly JobKey Key = new("weekly-digest", "digests");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await publisher.PublishAsync(cancellationToken);
    }
}
