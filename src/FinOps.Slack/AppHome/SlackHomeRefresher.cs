using System.Threading.RateLimiting;
using FinOps.Slack.Installation;
using FinOps.Slack.WebApi;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FinOps.Slack.AppHome;

/// <summary>
/// Re-publishes (<c>views.publish</c>) the App Home tab of the people who opened it recently, so month-to-date spend and
/// forecasts follow an import. Bounded to <see cref="SlackHomeRefreshOptions.MaxUsers"/> most recent viewers and paced
/// one call per <see cref="SlackHomeRefreshOptions.PublishInterval"/>; one person's failure does not stop the others.
/// </summary>
public sealed partial class SlackHomeRefresher(
    ISlackHomeViewers viewers,
    ISlackHomeSource source,
    SlackApiClient api,
    SlackInstallationResolver installations,
    IOptions<SlackHomeRefreshOptions> options,
    TimeProvider time,
    ILogger<SlackHomeRefresher> logger)
{
    /// <summary>Re-publishes the tabs; returns how many were published.</summary>
    public async Task<int> RefreshAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var recent = await viewers.ListRecentAsync(time.GetUtcNow() - settings.RecentWithin, settings.MaxUsers, cancellationToken);
        if (recent.Count == 0)
        {
            return 0;
        }

        using var pacer = settings.PublishInterval > TimeSpan.Zero
            ? new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = 1,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = settings.PublishInterval,
                QueueLimit = recent.Count,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            })
            : null;
        var published = 0;
        foreach (var viewer in recent)
        {
            using var lease = pacer is null ? null : await pacer.AcquireAsync(1, cancellationToken);
            try
            {
                if (await installations.ResolveAsync(viewer.TeamId, cancellationToken) is not { } installation)
                {
                    continue;
                }

                var summary = await source.GetAsync(viewer.TeamId, viewer.UserId, cancellationToken);
                await api.PublishViewAsync(installation.BotToken, viewer.UserId, SlackHomeView.Home(summary), cancellationToken);
                published++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRefreshFailed(logger, ex, viewer.UserId);
            }
        }

        LogRefreshed(logger, published, recent.Count);
        return published;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "App Home refreshed after an import for {Published} of {Viewers} recent viewers")]
    private static partial void LogRefreshed(ILogger logger, int published, int viewers);

    [LoggerMessage(Level = LogLevel.Warning, Message = "App Home of {User} could not be refreshed; it is published again when they open it")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, string user);
}
