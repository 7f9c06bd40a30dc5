using FinOps.Bot.Playground;
using FinOps.Conversation.Cards;
using FinOps.Core.Digests;
using FinOps.Core.Subscriptions;
using FinOps.Slack.Outbound;
using FinOps.Slack;
using FinOps.Teams.Activities;
using FinOps.Teams.Conversations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FinOps.Bot.Scheduling;

/// <summary>
/// Where a team's digest goes on each platform: the playground feed of every owner, the team's Slack channels when
/// Slack is configured, the team's Teams channels (by id or by name, e.g. <c>teams: "Cost - Payments"</c>) where the
/// bot is installed, and the personal Teams chat of every owner who has talked to the bot (a stored reference). Nobody
/// else: the team comes from the company directory (<c>allocation.yaml</c>), so another team's people and channels
/// never receive it. Conversations subscribed to the team's digest in chat receive it too.
/// </summary>
/// <remarks>
/// With nothing configured on a platform (no channel in the rules file, no subscription), the digest goes to the owners'
/// personal chats there: a Slack DM to each owner's user id, and a Teams personal chat created for each owner with an
/// Entra object id who has none yet. A Teams channel in the rules file that no installed team has is logged with its
/// name and counted (<c>finops.digests.unroutable</c>), never silently dropped.
/// </remarks>
public sealed partial class DigestRecipientResolver(
    IOptions<SlackOptions> slack,
    IConversationReferenceStore? teamsReferences = null,
    ISubscriptionStore? subscriptions = null,
    ITeamsChannelStore? teamsChannels = null,
    ILogger<DigestRecipientResolver>? logger = null,
    DigestMetrics? metrics = null)
{
    private const string Teams = TeamsActivityHandler.Channel;

    private readonly ILogger _logger = logger ?? NullLogger<DigestRecipientResolver>.Instance;

    public async Task<IReadOnlyList<DigestRecipient>> ResolveAsync(DigestTeam team, IReadOnlyCollection<string> channels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(channels);
        var subscribed = subscriptions is null
            ? []
            : (await subscriptions.ListAsync(cancellationToken))
                .Where(s => s.Topic == SubscriptionTopic.Digest && string.Equals(s.TeamKey, team.Key, StringComparison.OrdinalIgnoreCase))
                .ToList();
        var recipients = new List<DigestRecipient>();
        if (channels.Contains(PlaygroundAddresses.Channel))
        {
            recipients.AddRange(team.Owners.Select(o => o.UserId ?? o.Email).OfType<string>().Distinct(StringComparer.Ordinal)
                .Select(id => new DigestRecipient(PlaygroundAddresses.Channel, new ConversationAddress(PlaygroundAddresses.Channel, id))));
        }

        if (channels.Contains(SlackOutboundDelivery.Channel) && SlackConfigured(slack.Value))
        {
            var slackChannels = team.Channels.SlackChannelIds.Where(id => !string.IsNullOrWhiteSpace(id)).Distinct(StringComparer.Ordinal).ToList();
            recipients.AddRange(slackChannels.Select(id => new DigestRecipient(SlackOutboundDelivery.Channel, new ConversationAddress(SlackOutboundDelivery.Channel, id))));
            if (slackChannels.Count == 0 && !subscribed.Any(s => s.Channel == SlackOutboundDelivery.Channel))
            {
                // chat.postMessage to a user id: the delivery opens the DM (conversations.open) first.
                recipients.AddRange(team.Owners.Select(o => o.UserId).OfType<string>().Where(IsSlackUserId).Distinct(StringComparer.Ordinal)
                    .Select(id => new DigestRecipient(SlackOutboundDelivery.Channel, new ConversationAddress(SlackOutboundDelivery.Channel, id))));
            }
        }

        if (channels.Contains(Teams) && teamsReferences is not null)
        {
            recipients.AddRange(await TeamsRecipientsAsync(team, subscribed, teamsReferences, cancellationToken));
        }

        // Conversations subscribed in chat ("subscribe this channel to payments digests"), on platforms with a sender.
        recipients.AddRange(subscribed.Where(s => channels.Contains(s.Channel))
            .Select(s => new DigestRecipient(s.Channel, new ConversationAddress(s.Channel, s.ConversationId, s.Workspace))));

        // A conversation that is both a rules-file channel and subscribed gets the digest once.
        return [.. recipients.DistinctBy(r => (r.Channel, r.Address.Id))];
    }

    private async Task<List<DigestRecipient>> TeamsRecipientsAsync(
        DigestTeam team, IReadOnlyList<ChannelSubscription> subscribed, IConversationReferenceStore store, CancellationToken cancellationToken)
    {
        var recipients = new List<DigestRecipient>();
        var references = await store.ListActiveAsync(cancellationToken);
        var known = teamsChannels is null ? [] : await teamsChannels.ListAsync(cancellationToken);
        var channelReferences = references.Where(r => string.Equals(r.ConversationType, "channel", StringComparison.Ordinal)).ToList();
        foreach (var configured in team.Channels.TeamsChannelIds.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.Ordinal))
        {
            // The channel's own conversation (a post to it starts a new thread) before a reply thread of it (";messageid=...").
            var own = channelReferences.FirstOrDefault(r => r.ConversationId == configured)
                ?? channelReferences.FirstOrDefault(r => r.ChannelId == configured && r.ConversationId == r.ChannelId);
            var resolution = own is null && known.Count > 0 ? TeamsChannelResolver.Resolve(known, configured) : null;
            if (own is null && resolution?.Channel is { } channel)
            {
                own = channelReferences.FirstOrDefault(r => r.ConversationId == channel.ChannelId);
                if (own is null)
                {
                    recipients.Add(new DigestRecipient(Teams, new ConversationAddress(Teams, channel.ChannelId, channel.TenantId)) { TeamsChannel = channel });
                    continue;
                }
            }

            own ??= channelReferences.Where(r => r.ChannelId == configured).OrderBy(r => r.ConversationId, StringComparer.Ordinal).FirstOrDefault();
            if (own is null)
            {
                var problem = resolution?.Problem ?? $"Teams channel '{configured}' is unknown: the bot has not been added to its team.";
                LogUnroutable(_logger, team.Key, configured, problem);
                metrics?.RecordUnroutable(Teams);
                continue;
            }

            recipients.Add(new DigestRecipient(Teams, new ConversationAddress(Teams, own.ConversationId, own.TenantId)));
        }

        var owners = team.Owners.Where(o => o.AadObjectId is not null).Select(o => o.AadObjectId!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var personal = references
            .Where(r => string.Equals(r.ConversationType, "personal", StringComparison.Ordinal) && r.UserAadObjectId is not null && owners.Contains(r.UserAadObjectId))
            .OrderBy(r => r.ConversationId, StringComparer.Ordinal)
            .ToList();
        recipients.AddRange(personal.Select(r => new DigestRecipient(Teams, new ConversationAddress(Teams, r.ConversationId, r.TenantId))));

        var nothingConfigured = team.Channels.TeamsChannelIds.Count == 0 && !subscribed.Any(s => s.Channel == Teams);
        var missing = owners.Where(o => !personal.Any(r => string.Equals(r.UserAadObjectId, o, StringComparison.OrdinalIgnoreCase))).Order(StringComparer.Ordinal).ToList();
        if (nothingConfigured && missing.Count > 0)
        {
            if (Installation(references, known) is { } installation)
            {
                recipients.AddRange(missing.Select(aad => new DigestRecipient(Teams, new ConversationAddress(Teams, aad, installation.TenantId))
                {
                    TeamsUser = installation with { UserId = aad },
                }));
            }
            else
            {
                LogOwnersUnreachable(_logger, team.Key, missing.Count);
            }
        }

        return recipients;
    }

    /// <summary>Where the bot lives in Teams (connector, tenant, bot id), when every stored conversation agrees on the tenant.</summary>
    private static TeamsUserTarget? Installation(IReadOnlyList<TeamsConversationReference> references, IReadOnlyList<TeamsChannelRecord> channels)
    {
        var places = references.Where(r => r.TenantId is not null && r.BotId is not null)
            .Select(r => (r.ServiceUrl, TenantId: r.TenantId!, BotId: r.BotId!, r.UpdatedAt))
            .Concat(channels.Where(c => c.TenantId is not null && c.BotId is not null).Select(c => (c.ServiceUrl, TenantId: c.TenantId!, BotId: c.BotId!, c.UpdatedAt)))
            .ToList();
        if (places.Select(p => p.TenantId).Distinct(StringComparer.OrdinalIgnoreCase).Count() != 1)
        {
            return null;
        }

        var latest = places.MaxBy(p => p.UpdatedAt);
        return new TeamsUserTarget(latest.ServiceUrl, latest.TenantId, latest.BotId, string.Empty);
    }

    private static bool IsSlackUserId(string id) => id.Length > 1 && id[0] is 'U' or 'W';

    private static bool SlackConfigured(SlackOptions options) =>
        !string.IsNullOrWhiteSpace(options.BotToken) || !string.IsNullOrWhiteSpace(options.ClientId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Weekly digest for team {Team} not posted to Teams channel '{ChannelName}': {Problem}")]
    private static partial void LogUnroutable(ILogger logger, string team, string channelName, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Weekly digest for team {Team}: {Count} owners have no Teams chat with the bot and the bot's Teams tenant is not known (none or several); they get no Teams copy")]
    private static partial void LogOwnersUnreachable(ILogger logger, string team, int count);
}
