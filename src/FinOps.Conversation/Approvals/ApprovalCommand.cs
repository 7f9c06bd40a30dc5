using System.Text.RegularExpressions;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Messaging;
using FinOps.Core.Approvals;
using FinOps.Core.Budgets;
using FinOps.Core.Calendar;
using FinOps.Core.People;
using FinOps.Core.Query;

namespace FinOps.Conversation.Approvals;

/// <summary>
/// "request +$2,000 for payments this month: launch traffic" asks for a budget increase; "approvals for payments this
/// quarter" lists a team's requests.
/// </summary>
/// <remarks>
/// The request goes to the budget of the team whose period is the one named (this month, quarter or fiscal year), or
/// the team's only budget when no period is named. The period of a listing defaults to this month.
/// </remarks>
public sealed partial class ApprovalCommand(
    ApprovalService approvals, IApprovalStore store, IBudgetStatusService budgets, PersonResolver people, CostCalendar calendar, TimeProvider time)
    : IConversationCommand
{
    public async Task<Card?> TryHandleAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (RequestPattern().Match(message.Text) is { Success: true } request)
        {
            return await RequestAsync(message, request, cancellationToken);
        }

        if (ListPattern().Match(message.Text) is { Success: true } list)
        {
            return await ListAsync(message, list, cancellationToken);
        }

        return null;
    }

    /// <summary>True when <paramref name="text"/> is an approval command (a request for an increase, or a list of requests).</summary>
    public static bool Matches(string? text) =>
        !string.IsNullOrWhiteSpace(text) && (RequestPattern().IsMatch(text) || ListPattern().IsMatch(text));

    /// <summary>The period a phrase such as "this quarter" names on <paramref name="today"/>; null for none.</summary>
    public DateRange? PeriodOf(string? phrase, DateOnly today) =>
        Regex.Replace(phrase ?? string.Empty, @"\s+", " ").Trim().ToLowerInvariant() switch
        {
            "this month" => CostCalendar.Month(today),
            "last month" => CostCalendar.Month(CostCalendar.StartOfMonth(today).AddDays(-1)),
            "this quarter" => calendar.Quarter(today),
            "last quarter" => calendar.Quarter(calendar.StartOfQuarter(today).AddDays(-1)),
            "this year" => calendar.FiscalYear(today),
            _ => null,
        };

    private async Task<Card> RequestAsync(IncomingMessage message, Match match, CancellationToken cancellationToken)
    {
        if (!ApprovalText.TryParseAmount(match.Groups["amount"].Value, out var amount, out var currency))
        {
            return ConversationService.ErrorCard($"\"{match.Groups["amount"].Value}\" is not an amount. Write it like: request +$2,000 for payments this month: launch traffic");
        }

        var reason = match.Groups["reason"].Value.Trim();
        if (reason.Length == 0)
        {
            return ConversationService.ErrorCard("Say why after a colon, like: request +$2,000 for payments this month: launch traffic");
        }

        var today = CostCalendar.Today(time);
        var team = match.Groups["team"].Value;
        var period = PeriodOf(match.Groups["period"].Value, today);
        var candidates = (await budgets.GetStatusAsync(today, cancellationToken))
            .Where(b => string.Equals(b.Team, team, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var budget = period is null
            ? (candidates.Count == 1 ? candidates[0] : null)
            : candidates.FirstOrDefault(b => b.Period == period);
        if (budget is null)
        {
            return ConversationService.ErrorCard(candidates.Count == 0
                ? $"Team \"{team}\" has no budget, so there is nothing to increase."
                : $"Say which budget of {team}: " + string.Join(", ", candidates.Select(b => $"{b.BudgetId} ({b.Period})")) + ", e.g. \"this month\" or \"this quarter\".");
        }

        var person = await ResolveAsync(message.User, message.Conversation, cancellationToken);
        var result = await approvals.RequestAsync(
            new NewApprovalRequest(budget.BudgetId, today, amount, reason, currency), person, Where(message.User, message.Conversation), cancellationToken);
        return result.Succeeded ? ApprovalCards.Notice(result.Message) : ConversationService.ErrorCard(result.Message);
    }

    private async Task<Card> ListAsync(IncomingMessage message, Match match, CancellationToken cancellationToken)
    {
        var today = CostCalendar.Today(time);
        var period = PeriodOf(match.Groups["period"].Value, today) ?? CostCalendar.Month(today);
        var directory = people.Directory;
        var person = await ResolveAsync(message.User, message.Conversation, cancellationToken);
        var team = match.Groups["team"].Success ? match.Groups["team"].Value : null;
        if (team is null)
        {
            var mine = person is null ? [] : directory.TeamsOf(person);
            if (mine.Count != 1)
            {
                return ConversationService.ErrorCard("Say which team, like: approvals for payments this quarter");
            }

            team = mine[0];
        }

        var known = directory.FindTeam(team);
        if (known is null)
        {
            return ConversationService.ErrorCard($"I don't know a team called \"{team}\". Teams: {string.Join(", ", directory.Teams.Select(t => t.Key))}.");
        }

        if (ApprovalPolicy.CannotRequest(directory, known.Key, person) is not null)
        {
            return ConversationService.ErrorCard($"You can see approvals only of your own teams, and you are not in {known.Key}.");
        }

        var requests = (await store.ListAsync(null, known.Key, cancellationToken))
            .Where(r => r.Period.Start < period.End && period.Start < r.Period.End)
            .ToList();
        return ApprovalCards.List(known.Key, period, requests);
    }

    private Task<Person?> ResolveAsync(ChatUser user, ConversationAddress conversation, CancellationToken cancellationToken) =>
        people.ResolveAsync(new ChannelIdentity(user.Channel, user.Id, user.Email, user.AadObjectId, conversation.Id, conversation.Workspace), cancellationToken);

    internal static ApprovalParty Where(ChatUser user, ConversationAddress conversation) =>
        new(user.Id, user.Name ?? user.Id, conversation.Channel, conversation.Id, conversation.Workspace);

    [GeneratedRegex(
        @"^\s*request\s+(?<amount>\+?\s*[$€£]?\s*\d[\d,]*(?:\.\d+)?\s*[kK]?(?:\s*[A-Za-z]{3})?)\s+(?:more\s+)?for\s+(?<team>[\w.-]+)(?:\s+(?<period>(?:this|last)\s+(?:month|quarter|year)))?\s*(?::\s*(?<reason>.*))?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RequestPattern();

    [GeneratedRegex(
        @"^\s*(?:(?:list|show)\s+)?approvals(?:\s+for\s+(?<team>[\w.-]+))?(?:\s+(?<period>(?:this|last)\s+(?:month|quarter|year)))?\s*\??\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ListPattern();
}
