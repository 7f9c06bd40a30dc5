using FinOps.Bot.Playground;
using FinOps.Conversation.Cards;
using FinOps.Core.Digests;
using FinOps.Core.Subscriptions;
using FinOps.Slack.Outbound;
using FinOps.Slack;
using FinOps.Teams.Activities;
using FinOps.Teams.Conversations;
using Microsoft.Extensions.Options;

namespace FinOps.Bot.Scheduling;

/// <summary>
/// Where a team's digest goes on each platform: the playground feed of every owner, the team's Slack channels when
/// Slack is configured, the team's Teams channels where the bot is installed, and the personal Teams chat of every
/// owner who has talked to the bot (a stored reference). Nobody else: the team comes from the company directory
/// (<c>allocation.yaml</c>), so another team's people and channels never receive it. Conversations subscribed to the
/// team's digest in chat receive it too.
/// </summary>
public sealed class DigestRecipientResolver(
    IOptions<SlackOptions> slack, IConversationReferenceStore? teamsReferences = null, ISubscriptionStore? subscriptions = null)
{
    public async Task<IReadOnlyList<DigestRecipient>> ResolveAsync(DigestTeam team, IReadOnlyCollection<string> channels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(channels);
        var recipients = new List<DigestRecipient>();
        if (channels.Contains(PlaygroundAddresses.Channel))
        {
            recipients.AddRange(team.Owners.Select(o => o.UserId ?? o.Email).OfType<string>().Distinct(StringComparer.Ordinal)
                .Select(id => new DigestRecipient(PlaygroundAddresses.Channel, new ConversationAddress(PlaygroundAddresses.Channel, id))));
        }

        if (channels.Contains(SlackOutboundDelivery.Channel) && SlackConfigured(slack.Value))
        {
            recipients.AddRange(team.Channels.SlackChannelIds.Where(id => !string.IsNullOrWhiteSpace(id)).Distinct(StringComparer.Ordinal)
                .Select(id => new DigestRecipient(SlackOutboundDelivery.Channel, new ConversationAddress(SlackOutboundDelivery.Channel, id))));
        }

        if (channels.Contains(TeamsActivityHandler.Channel) && teamsReferences is not null)
        {
            var owners = team.Owners.Where(o => o.AadObjectId is not null).Select(o => o.AadObjectId!).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var teamChannels = team.Channels.TeamsChannelIds.ToHashSet(StringComparer.Ordinal);
            var references = await teamsReferences.ListActiveAsync(cancellationToken);

            // A channel is addressed by its id; the stored reference of the channel conversation says where to post.
            recipients.AddRange(references
                .Where(r => string.Equals(r.ConversationType, "channel", StringComparison.Ordinal)
                    && (teamChannels.Contains(r.ConversationId) || (r.ChannelId is not null && teamChannels.Contains(r.ChannelId))))
                // The channel's own conversation (a new post) before a thread of it (conversation id "...;messageid=...").
                .OrderBy(r => string.Equals(r.ConversationId, r.ChannelId, StringComparison.Ordinal) ? 0 : 1)
                .DistinctBy(r => r.ChannelId ?? r.ConversationId, StringComparer.Ordinal)
                .OrderBy(r => r.ConversationId, StringComparer.Ordinal)
                .Select(r => new DigestRecipient(TeamsActivityHandler.Channel, new ConversationAddress(TeamsActivityHandler.Channel, r.ConversationId, r.TenantId))));
            recipients.AddRange(references
                .Where(r => string.Equals(r.ConversationType, "personal", StringComparison.Ordinal)
                    && r.UserAadObjectId is not null && owners.Contains(r.UserAadObjectId))
                .OrderBy(r => r.ConversationId, StringComparer.Ordinal)
                .Select(r => new DigestRecipient(TeamsActivityHandler.Channel, new ConversationAddress(TeamsActivityHandler.Channel, r.ConversationId, r.TenantId))));
        }

        if (subscriptions is not null)
        {
            // Conversations subscribed in chat ("subscribe this channel to payments digests"), on platforms with a sender.
            recipients.AddRange((await subscriptions.ListAsync(cancellationToken))
                .Where(s => s.Topic == SubscriptionTopic.Digest
                    && string.Equals(s.TeamKey, team.Key, StringComparison.OrdinalIgnoreCase)
                    && channels.Contains(s.Channel))
                .Select(s => new DigestRecipient(s.Channel, new ConversationAddress(s.Channel, s.ConversationId, s.Workspace))));
        }

        // A conversation that is both a rules-file channel and subscribed gets the digest once.
        return [.. recipients.DistinctBy(r => (r.Channel, r.Address.Id))];
    }

    private static bool SlackConfigured(SlackOptions options) =>
        !string.IsNullOrWhiteSpace(options.BotToken) || !string.IsNullOrWhiteSpace(options.ClientId);
}
