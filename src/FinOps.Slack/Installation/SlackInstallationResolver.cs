using Microsoft.Extensions.Options;

namespace FinOps.Slack.Installation;

/// <summary>
/// The bot token and bot user for a team: an OAuth installation when there is one, otherwise the single-workspace
/// <see cref="SlackOptions.BotToken"/> from configuration.
/// </summary>
public sealed class SlackInstallationResolver(ISlackInstallationStore store, IOptions<SlackOptions> options, TimeProvider timeProvider)
{
    /// <summary>The installation to act in <paramref name="teamId"/> with, or null when the bot has no token there.</summary>
    public async Task<SlackInstallation?> ResolveAsync(string? teamId, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(teamId) && await store.FindAsync(teamId, cancellationToken) is { } installation)
        {
            return installation;
        }

        var settings = options.Value;
        return string.IsNullOrWhiteSpace(settings.BotToken)
            ? null
            : new SlackInstallation(teamId ?? string.Empty, null, null, settings.BotUserId ?? string.Empty, settings.BotToken, null, null, timeProvider.GetUtcNow());
    }
}
