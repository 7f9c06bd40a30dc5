using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Messaging;
using FinOps.Core.People;
using FinOps.Core.Subscriptions;

namespace FinOps.Conversation.Subscriptions;

/// <summary>
/// "subscribe this channel to payments digests", "unsubscribe this channel from payments digests", "unsubscribe",
/// "list subscriptions": manages which conversations receive a team's digests, anomaly alerts and budget alerts.
/// </summary>
/// <remarks>
/// The conversation the command is written in is the one subscribed (a Slack channel or DM, a Teams channel, group or
/// personal chat, the playground). Only the team's owners and admins may change a team's subscriptions; anyone may list
/// them. Every change is logged with who, when and where.
/// </remarks>
public sealed partial class SubscriptionCommand(PersonResolver people, ISubscriptionStore store, TimeProvider time) : IConversationCommand
{
    public const string CardKind = "subscriptions";

    public async Task<Card?> TryHandleAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!TryParse(message.Text, out var request))
        {
            return null;
        }

        return request.Verb switch
        {
            SubscriptionVerb.List => await ListAsync(message, cancellationToken),
            _ => await ChangeAsync(message, request, cancellationToken),
        };
    }

    /// <summary>True when <paramref name="text"/> is a subscription command; <paramref name="request"/> says which.</summary>
    public static bool TryParse(string? text, out SubscriptionRequest request)
    {
        request = new SubscriptionRequest(SubscriptionVerb.List, null, null);
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (ListPattern().IsMatch(text))
        {
            return true;
        }

        var match = SubscribePattern().Match(text);
        var verb = SubscriptionVerb.Subscribe;
        if (!match.Success)
        {
            match = UnsubscribePattern().Match(text);
            verb = SubscriptionVerb.Unsubscribe;
        }

        if (!match.Success)
        {
            return false;
        }

        var team = match.Groups["team"].Success ? match.Groups["team"].Value : null;
        SubscriptionTopic? topic = match.Groups["topic"].Success ? ParseTopic(match.Groups["topic"].Value) : null;
        request = new SubscriptionRequest(verb, team, topic);
        return true;
    }

    private async Task<Card> ChangeAsync(IncomingMessage message, SubscriptionRequest request, CancellationToken cancellationToken)
    {
        var directory = people.Directory;
        var person = await people.ResolveAsync(
            new ChannelIdentity(message.User.Channel, message.User.Id, message.User.Email, message.User.AadObjectId, message.Conversation.Id, message.Conversation.Workspace),
            cancellationToken);
        var here = message.Conversation;
        if (request.Verb == SubscriptionVerb.Unsubscribe && request.Team is null)
        {
            return await UnsubscribeAllHereAsync(directory, person, here, cancellationToken);
        }

        var team = directory.FindTeam(request.Team!);
        if (team is null)
        {
            return ConversationService.ErrorCard(
                $"I don't know a team called \"{request.Team}\". Teams: {string.Join(", ", directory.Teams.Select(t => t.Key))}.");
        }

        var topic = request.Topic!.Value;
        if (Refusal(directory, person, team) is { } refusal)
        {
            return ConversationService.ErrorCard(refusal);
        }

        var change = new SubscriptionChange(
            team.Key, topic, request.Verb == SubscriptionVerb.Subscribe ? "subscribe" : "unsubscribe",
            here.Channel, here.Id, here.Workspace, person!.Key, time.GetUtcNow());
        if (request.Verb == SubscriptionVerb.Subscribe)
        {
            await store.SubscribeAsync(
                new ChannelSubscription(team.Key, topic, here.Channel, here.Id, here.Workspace, person.Key, change.ChangedAt), change, cancellationToken);
            return Reply($"Subscribed: this conversation now receives {team.DisplayName} {Describe(topic)}.");
        }

        var removed = await store.UnsubscribeAsync(ChannelSubscription.KeyOf(team.Key, topic, here.Channel, here.Id), change, cancellationToken);
        return Reply(removed
            ? $"Unsubscribed: this conversation no longer receives {team.DisplayName} {Describe(topic)}."
            : $"This conversation was not subscribed to {team.DisplayName} {Describe(topic)}; nothing changed.");
    }

    private async Task<Card> UnsubscribeAllHereAsync(CompanyDirectory directory, Person? person, ConversationAddress here, CancellationToken cancellationToken)
    {
        var mine = (await store.ListAsync(cancellationToken))
            .Where(s => string.Equals(s.Channel, here.Channel, StringComparison.Ordinal) && string.Equals(s.ConversationId, here.Id, StringComparison.Ordinal))
            .ToList();
        if (mine.Count == 0)
        {
            return Reply("This conversation has no subscriptions; nothing changed.");
        }

        var text = new StringBuilder();
        foreach (var subscription in mine)
        {
            var team = directory.FindTeam(subscription.TeamKey);
            var refusal = team is null ? null : Refusal(directory, person, team);
            if (refusal is not null || person is null)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"Kept {subscription.TeamKey} {Describe(subscription.Topic)}: {refusal ?? "I can't find you in the company directory."}");
                continue;
            }

            var change = new SubscriptionChange(subscription.TeamKey, subscription.Topic, "unsubscribe", here.Channel, here.Id, here.Workspace, person.Key, time.GetUtcNow());
            await store.UnsubscribeAsync(subscription.Key, change, cancellationToken);
            text.AppendLine(CultureInfo.InvariantCulture, $"Unsubscribed from {subscription.TeamKey} {Describe(subscription.Topic)}.");
        }

        return Reply(text.ToString().TrimEnd());
    }

    private async Task<Card> ListAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        var all = await store.ListAsync(cancellationToken);
        if (all.Count == 0)
        {
            return Reply("There are no subscriptions. Channels listed in the rules file still receive their team's digest.");
        }

        var here = message.Conversation;
        var text = new StringBuilder("Subscriptions:\n");
        foreach (var s in all.OrderBy(s => s.TeamKey, StringComparer.OrdinalIgnoreCase).ThenBy(s => s.Topic))
        {
            var isHere = string.Equals(s.Channel, here.Channel, StringComparison.Ordinal) && string.Equals(s.ConversationId, here.Id, StringComparison.Ordinal);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"- {s.TeamKey} {Describe(s.Topic)} → {s.Channel} {s.ConversationId}{(isHere ? " (this conversation)" : string.Empty)}, by {s.SubscribedBy} on {s.SubscribedAt:yyyy-MM-dd}");
        }

        return Reply(text.ToString().TrimEnd());
    }

    /// <summary>Why <paramref name="person"/> may not change <paramref name="team"/>'s subscriptions, or null when they may.</summary>
    private static string? Refusal(CompanyDirectory directory, Person? person, DirectoryTeam team)
    {
        var owners = team.Owners.Count == 0 ? "it has no owners listed" : string.Join(", ", team.Owners.Select(o => o.Label));
        if (person is null)
        {
            return $"I can't find you in the company directory, so I can't tell whether you may change {team.Key}'s subscriptions. Only its owners ({owners}) and admins may.";
        }

        if (team.Owners.Any(o => o.Key == person.Key) || directory.HasRole(person, CompanyRole.Admin))
        {
            return null;
        }

        return $"Only the owners of {team.Key} ({owners}) and admins may change its subscriptions; you are neither.";
    }

    private static Card Reply(string text) => new(CardKind, text, [new TextBlock(text)]);

    private static string Describe(SubscriptionTopic topic) => topic switch
    {
        SubscriptionTopic.Digest => "weekly digests",
        SubscriptionTopic.Anomalies => "anomaly alerts",
        SubscriptionTopic.Budgets => "budget alerts",
        _ => throw new UnreachableException(),
    };

    private static SubscriptionTopic ParseTopic(string word) =>
        word.StartsWith("anomal", StringComparison.OrdinalIgnoreCase) ? SubscriptionTopic.Anomalies
        : word.StartsWith("budget", StringComparison.OrdinalIgnoreCase) ? SubscriptionTopic.Budgets
        : SubscriptionTopic.Digest;

    private const string Where = @"(?:\s+(?:this|the|our|my)\s+(?:channel|chat|group\s+chat|conversation|dm))?";
    private const string TeamAndTopic =
        @"\s+(?:the\s+)?(?<team>[\p{L}\p{N}][\p{L}\p{N}_-]{0,60}?)(?:\s+team)?(?:'s)?\s+(?<topic>(?:weekly\s+)?digests?|anomal(?:y|ies)(?:\s+alerts?)?|budgets?(?:\s+alerts?)?)";

    [GeneratedRegex(@"^\s*(?:please\s+)?subscribe" + Where + @"\s+to" + TeamAndTopic + @"(?:\s+please)?\s*[.!]*\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 200)]
    private static partial Regex SubscribePattern();

    [GeneratedRegex(@"^\s*(?:please\s+)?unsubscribe" + Where + @"(?:\s+from" + TeamAndTopic + @")?(?:\s+please)?\s*[.!]*\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 200)]
    private static partial Regex UnsubscribePattern();

    [GeneratedRegex(@"^\s*(?:please\s+)?(?:list|show)(?:\s+(?:me|us))?(?:\s+(?:the|all))?\s+subscriptions\s*[.!?]*\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 200)]
    private static partial Regex ListPattern();
}
