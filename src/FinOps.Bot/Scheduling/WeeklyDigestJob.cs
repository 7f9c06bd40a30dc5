using Quartz;

namespace FinOps.Bot.Scheduling;

/// <summary>Quartz job that publishes the weekly digests; safe to fire twice (see <see cref="WeeklyDigestPublisher"/>).</summary>
/// <remarks>
/// There is one trigger per time zone in use (see <see cref="TeamZoneDigestTriggers"/>): a trigger with
/// <see cref="TimeZoneKey"/> in its data publishes for the teams in that zone only; without it, for the teams that follow
/// <c>Digests:TimeZone</c>.
/// </remarks>
[DisallowConcurrentExecution]
public sealed class WeeklyDigestJob(WeeklyDigestPublisher publisher) : IJob
{
    public static readonly JobKey Key = new("weekly-digest", "digests");

    /// <summary>Job data key holding the IANA time zone id whose teams a trigger fires for.</summary>
    public const string TimeZoneKey = "timeZone";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var zone = context.MergedJobDataMap?.GetString(TimeZoneKey);
        await publisher.PublishForZoneAsync(string.IsNullOrEmpty(zone) ? null : zone, cancellationToken);
    }
}
