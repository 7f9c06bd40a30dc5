using FinOps.Core.Reliability;
using FinOps.Slack.Inbound;
using FinOps.Slack.Installation;
using FinOps.Slack.WebApi;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FinOps.Slack.AppHome;

/// <summary>
/// Handles <c>app_home_opened</c>: publishes the user's Home tab (<c>views.publish</c>) and, the first time the user opens
/// the app at all (either tab), posts the welcome message once into the app's direct message with them.
/// </summary>
/// <remarks>
/// Slack sends the event on every visit, to the Home and to the Messages tab alike, so "first time" is our own record:
/// a <see cref="WelcomeScope"/> claim per workspace and user, completed with the posted message's ts. Each published Home
/// tab is recorded in <see cref="ISlackHomeViewers"/>, so <see cref="SlackHomeRefresher"/> can refresh it after an import.
/// </remarks>
public sealed partial class SlackAppHomeHandler(
    ISlackHomeSource source,
    SlackApiClient api,
    SlackInstallationResolver installations,
    IIdempotencyStore idempotency,
    ISlackHomeViewers viewers,
    TimeProvider time,
    IOptions<SlackOptions> options,
    ILogger<SlackAppHomeHandler> logger)
{
    public const string WelcomeScope = "slack.welcome";

    public async Task<SlackWorkOutcome> HandleAsync(SlackEventWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var userId = SlackInboundDispatcher.GetString(work.Event, "user")!;
        var installation = await installations.ResolveAsync(work.TeamId, cancellationToken);
        if (installation is null)
        {
            LogNoInstallation(logger, work.TeamId);
            return SlackWorkOutcome.Done;
        }

        var summary = await source.GetAsync(work.TeamId, userId, cancellationToken);
        if (SlackInboundDispatcher.GetString(work.Event, "tab") == "home")
        {
            await api.PublishViewAsync(installation.BotToken, userId, SlackHomeView.Home(summary), cancellationToken);
            await viewers.RecordAsync(new SlackHomeViewer(work.TeamId, userId, time.GetUtcNow()), cancellationToken);
            LogPublished(logger, userId, summary.Teams.Count);
        }

        var channel = SlackInboundDispatcher.GetString(work.Event, "channel");
        var key = work.TeamId + ":" + userId;
        if (channel is null || !await idempotency.TryClaimAsync(WelcomeScope, key, options.Value.ProcessingLease, cancellationToken))
        {
            return SlackWorkOutcome.Done;
        }

        try
        {
            var posted = await api.PostMessageAsync(installation.BotToken, channel, SlackHomeView.Welcome(summary), null, cancellationToken);
            await idempotency.CompleteAsync(WelcomeScope, key, posted.Ts, cancellationToken);
            LogWelcomed(logger, userId, channel);
            return SlackWorkOutcome.Done;
        }
        catch
        {
            // Not welcomed: give the claim back so the next visit (or the inbox's retry) welcomes them.
            await idempotency.ReleaseAsync(WelcomeScope, key, CancellationToken.None);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Published the App Home tab for {User} with {Teams} teams")]
    private static partial void LogPublished(ILogger logger, string user, int teams);

    [LoggerMessage(Level = LogLevel.Information, Message = "Welcomed {User} in {Channel}")]
    private static partial void LogWelcomed(ILogger logger, string user, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No Slack installation or bot token for team {TeamId}; App Home not published")]
    private static partial void LogNoInstallation(ILogger logger, string teamId);
}
