using FinOps.Bot.Playground;
using FinOps.Conversation.Approvals;
using FinOps.Conversation.Cards;
using FinOps.Core.People;
using FinOps.Core.Subscriptions;
using FinOps.Slack;
using FinOps.Slack.Outbound;
using FinOps.Teams.Activities;
using FinOps.Teams.Conversations;
using Microsoft.Extensions.Options;

namespace FinOps.Bot.Scheduling;

/// <summary>
/// Where a team's budget alerts go: the conversations subscribed to its budget alerts in chat, and its owners personally
/// (playground feed; Slack direct message by user id when Slack is configured; the personal Teams chat of an owner who has
/// talked to the bot). Nobody else.
/// </summary>
public sealed class BudgetAlertRecipients(
    IOptions<SlackOptions> slack, ISubscriptionStore subscriptions, IConversationReferenceStore? teamsReferences = null)
{
    public Task<IReadOnlyList<DigestRecipient>> ResolveAsync(DirectoryTeam team, IReadOnlyCollection<string> channels, CancellationToken cancellationToken) =>
        ResolveAsync(team, channels, SubscriptionTopic.Budgets, cancellationToken);

    /// <summary>The conversations subscribed to <paramref name="topic"/> for the team, and its owners personally.</summary>
    public async Task<IReadOnlyList<DigestRecipient>> ResolveAsync(
        DirectoryTeam team, IReadOnlyCollection<string> channels, SubscriptionTopic topic, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(channels);
        var recipients = new List<DigestRecipient>();
        recipients.AddRange((await subscriptions.ListAsync(cancellationToken))
            .Where(s => s.Topic == topic
                && string.Equals(s.TeamKey, team.Key, StringComparison.OrdinalIgnoreCase)
                && channels.Contains(s.Channel))
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => new DigestRecipient(s.Channel, new ConversationAddress(s.Channel, s.ConversationId, s.Workspace))));

        recipients.AddRange(await ResolvePeopleAsync(team.Owners, channels, cancellationToken));
        return [.. recipients.DistinctBy(r => (r.Channel, r.Address.Id))];
    }

    /// <summary>
    /// <paramref name="people"/> personally, as owners are reached: the playground feed, a Slack direct message by user id when
    /// Slack is configured, and the personal Teams chat of whoever has talked to the bot (admins get stale-export alerts this way).
    /// </summary>
    public async Task<IReadOnlyList<DigestRecipient>> ResolvePeopleAsync(IReadOnlyList<Person> people, IReadOnlyCollection<string> channels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(channels);
        var recipients = new List<DigestRecipient>();
        if (channels.Contains(PlaygroundAddresses.Channel))
        {
            // The id the playground lists and listens under for each person, the same rule as approval cards.
            recipients.AddRange(people.Select(DirectoryAddressBook.PlaygroundId)
                .Select(id => new DigestRecipient(PlaygroundAddresses.Channel, new ConversationAddress(PlaygroundAddresses.Channel, id))));
        }

        if (channels.Contains(SlackOutboundDelivery.Channel) && (!string.IsNullOrWhiteSpace(slack.Value.BotToken) || !string.IsNullOrWhiteSpace(slack.Value.ClientId)))
        {
            // chat.postMessage to a user id posts in the bot's direct message with that user.
            recipients.AddRange(people.Select(o => o.SlackUserId).OfType<string>()
                .Select(id => new DigestRecipient(SlackOutboundDelivery.Channel, new ConversationAddress(SlackOutboundDelivery.Channel, id))));
        }

        if (channels.Contains(TeamsActivityHandler.Channel) && teamsReferences is not null)
        {
            var ids = people.Where(o => o.EntraObjectId is not null).Select(o => o.EntraObjectId!.Value.ToString()).ToHashSet(StringComparer.OrdinalIgnoreCase);
            recipients.AddRange((await teamsReferences.ListActiveAsync(cancellationToken))
                .Where(r => string.Equals(r.ConversationType, "personal", StringComparison.Ordinal) && r.UserAadObjectId is not null && ids.Contains(r.UserAadObjectId))
                .OrderBy(r => r.ConversationId, StringComparer.Ordinal)
                .Select(r => new DigestRecipient(TeamsActivityHandler.Channel, new ConversationAddress(TeamsActivityHandler.Channel, r.ConversationId, r.TenantId))));
        }

        return [.. recipients.DistinctBy(r => (r.Channel, r.Address.Id))];
    }
}
