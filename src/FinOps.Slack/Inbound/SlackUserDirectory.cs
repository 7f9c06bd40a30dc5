using System.Collections.Concurrent;
using FinOps.Conversation.Cards;
using FinOps.Slack.WebApi;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FinOps.Slack.Inbound;

/// <summary>
/// Slack users as <see cref="ChatUser"/>s with name and email (users.info), cached for <see cref="SlackOptions.UserCacheLifetime"/>;
/// a failed lookup is remembered for <see cref="SlackOptions.UserLookupFailureLifetime"/> rather than repeated for every event.
/// </summary>
public sealed partial class SlackUserDirectory(IOptions<SlackOptions> options, TimeProvider timeProvider, ILogger<SlackUserDirectory> logger)
{
    /// <summary>Known users, and (with a null user) lookups that failed recently.</summary>
    private readonly ConcurrentDictionary<(string Team, string User), (ChatUser? User, DateTimeOffset Expires)> _cache = new();

    /// <summary>The user with what users.info knows; with the id alone when the lookup fails (e.g. a missing scope).</summary>
    public async Task<ChatUser> GetAsync(SlackApiClient client, string token, string teamId, string userId, string? knownName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var now = timeProvider.GetUtcNow();
        if (_cache.TryGetValue((teamId, userId), out var cached) && cached.Expires > now)
        {
            return cached.User ?? new ChatUser("slack", userId, knownName);
        }

        try
        {
            var info = await client.GetUserInfoAsync(token, userId, cancellationToken);
            var user = new ChatUser("slack", userId, info.RealName ?? info.Name ?? knownName, info.Email);
            _cache[(teamId, userId)] = (user, now + options.Value.UserCacheLifetime);
            return user;
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException)
        {
            LogLookupFailed(logger, userId, ex.Message);
            var lifetime = options.Value.UserLookupFailureLifetime;
            if (lifetime > TimeSpan.Zero)
            {
                _cache[(teamId, userId)] = (null, now + lifetime);
            }

            return new ChatUser("slack", userId, knownName);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "users.info for {UserId} failed: {Reason}; continuing with the id only")]
    private static partial void LogLookupFailed(ILogger logger, string userId, string reason);
}
