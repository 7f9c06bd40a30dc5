using FinOps.Core.People;
using FinOps.Slack.Installation;
using FinOps.Slack.WebApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FinOps.Slack.People;

/// <summary>
/// The e-mail of a Slack user, for people the company directory lists by e-mail only: from the message when Slack's
/// <c>users.info</c> already told it, else by calling <c>users.info</c> with the workspace's bot token (scope
/// <c>users:read.email</c>). <see cref="PersonResolver"/> caches the answer.
/// </summary>
public sealed partial class SlackIdentityLookup(IServiceScopeFactory scopes, ILogger<SlackIdentityLookup> logger) : IChannelIdentityLookup
{
    public string Channel => "slack";

    public async Task<ChannelProfile?> LookupAsync(ChannelIdentity identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (!string.IsNullOrWhiteSpace(identity.Email))
        {
            return new ChannelProfile(identity.Email, null);
        }

        // The installation resolver and the typed client are scoped/transient; this lookup lives as long as the app.
        await using var scope = scopes.CreateAsyncScope();
        var installation = await scope.ServiceProvider.GetRequiredService<SlackInstallationResolver>().ResolveAsync(identity.Workspace, cancellationToken);
        if (installation is null)
        {
            return null;
        }

        try
        {
            var info = await scope.ServiceProvider.GetRequiredService<SlackApiClient>().GetUserInfoAsync(installation.BotToken, identity.UserId, cancellationToken);
            return new ChannelProfile(info.Email, null);
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException)
        {
            LogLookupFailed(logger, identity.UserId, ex.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "users.info for {UserId} failed: {Reason}; the user is recognised by Slack id only")]
    private static partial void LogLookupFailed(ILogger logger, string userId, string reason);
}
