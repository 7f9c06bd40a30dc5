using System.Globalization;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Digests;
using FinOps.Conversation.Messaging;
using FinOps.Core.Digests;
using FinOps.Core.Reliability;
using FinOps.Teams.Conversations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FinOps.Bot.Scheduling;

/// <summary>
/// Builds every team's weekly digest and sends it through every registered <see cref="IProactiveSender"/>, at most
/// once per team, week, platform and conversation: each send is claimed in <see cref="IIdempotencyStore"/> under
/// <c>digest:{team}:{weekStart}:{channel}:{address}</c> (the same key goes to the sender, which deduplicates too).
/// </summary>
public sealed partial class WeeklyDigestPublisher(
    ITeamDirectory teams,
    WeeklyDigestBuilder builder,
    DigestCardComposer composer,
    DigestRecipientResolver recipients,
    IEnumerable<IProactiveSender> senders,
    IIdempotencyStore idempotency,
    DigestMetrics metrics,
    IOptions<DigestOptions> options,
    ILogger<WeeklyDigestPublisher> logger,
    ITeamsTargetedSender? teamsTargets = null)
{
    public const string IdempotencyScope = "digest.weekly";

    private static readonly TimeSpan SendLease = TimeSpan.FromMinutes(10);

    public static string IdempotencyKey(string teamKey, DateOnly weekStart, string channel, string address) =>
        string.Create(CultureInfo.InvariantCulture, $"digest:{teamKey}:{weekStart:yyyy-MM-dd}:{channel}:{address}");

    /// <summary>Sends what has not been sent yet for the current digest week to every team; returns how many messages went out now.</summary>
    public Task<int> PublishAsync(CancellationToken cancellationToken) => PublishAsync(_ => true, cancellationToken);

    /// <summary>
    /// Like <see cref="PublishAsync(CancellationToken)"/> for the teams whose digest follows <paramref name="timeZone"/>
    /// (an IANA id); null means the teams without a zone of their own or with <c>Digests:TimeZone</c>.
    /// </summary>
    public Task<int> PublishForZoneAsync(string? timeZone, CancellationToken cancellationToken)
    {
        var defaultZone = options.Value.TimeZone.Trim();
        var zone = timeZone ?? defaultZone;
        return PublishAsync(t => string.Equals(t.TimeZone ?? defaultZone, zone, StringComparison.Ordinal), cancellationToken);
    }

    private async Task<int> PublishAsync(Func<DigestTeam, bool> include, CancellationToken cancellationToken)
    {
        var byChannel = senders.GroupBy(s => s.Channel, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var sent = 0;
        var included = (await teams.GetTeamsAsync(cancellationToken)).Where(include).ToList();
        // Three queries grouped by team for all of them, instead of three per team (10,000 teams: seconds, not minutes).
        var digests = await builder.BuildManyAsync(included, cancellationToken);
        foreach (var (team, digest) in included.Zip(digests))
        {
            if (digest.IsEmpty)
            {
                LogNoSpend(logger, team.Key, digest.Week.Start);
                continue;
            }

            var card = composer.Compose(digest);
            foreach (var recipient in await recipients.ResolveAsync(team, byChannel.Keys, cancellationToken))
            {
                var key = IdempotencyKey(team.Key, digest.Week.Start, recipient.Channel, recipient.Address.Id);
                if (!await idempotency.TryClaimAsync(IdempotencyScope, key, SendLease, cancellationToken))
                {
                    LogAlreadySent(logger, key);
                    continue;
                }

                try
                {
                    var message = await SendAsync(byChannel[recipient.Channel], recipient, card, key, cancellationToken);
                    await idempotency.CompleteAsync(IdempotencyScope, key, message.MessageId, cancellationToken);
                    sent++;
                    metrics.RecordPosted(recipient.Channel);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Released so that the next run (a re-fire or a restart) tries this recipient again.
                    await idempotency.ReleaseAsync(IdempotencyScope, key, CancellationToken.None);
                    metrics.RecordFailed(recipient.Channel);
                    LogSendFailed(logger, ex, team.Key, recipient.Channel);
                }
            }
        }

        LogPublished(logger, sent);
        return sent;
    }

    private Task<SentMessage> SendAsync(IProactiveSender sender, DigestRecipient recipient, Card card, string key, CancellationToken cancellationToken) =>
        recipient switch
        {
            { TeamsChannel: { } channel } => Targets().PostToChannelAsync(channel, card, key, cancellationToken),
            { TeamsUser: { } user } => Targets().SendToUserAsync(user, card, key, cancellationToken),
            _ => sender.SendAsync(recipient.Address, card, key, cancellationToken),
        };

    private ITeamsTargetedSender Targets() =>
        teamsTargets ?? throw new InvalidOperationException("Teams is not set up in this host: no sender for a Teams channel or a new personal chat.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Weekly digest for team {Team}, week of {WeekStart}: no spend, nothing sent")]
    private static partial void LogNoSpend(ILogger logger, string team, DateOnly weekStart);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Weekly digest {Key} already sent or being sent")]
    private static partial void LogAlreadySent(ILogger logger, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Weekly digest for team {Team} could not be sent to {Channel}; it will be retried on the next run")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string team, string channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "Weekly digest run sent {Count} messages")]
    private static partial void LogPublished(ILogger logger, int count);
}
