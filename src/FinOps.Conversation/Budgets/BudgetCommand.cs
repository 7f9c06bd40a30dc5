using System.Globalization;
using System.Text.RegularExpressions;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Messaging;
using FinOps.Conversation.Visibility;
using FinOps.Core.Budgets;
using FinOps.Core.People;
using Microsoft.Extensions.Options;

namespace FinOps.Conversation.Budgets;

/// <summary>
/// "set the payments budget to $25k a month" and "budget status for payments" / "how are we doing against budget".
/// </summary>
/// <remarks>
/// Setting is for the team's owners, finance and admins (<see cref="BudgetPermissions"/>); anyone else is told why not and nothing
/// changes. A set is audited as a chat change by the person, with the conversation it came from. Without a period the budget's
/// period is a month; without a currency the existing budget's (else <c>Budgets:DefaultCurrency</c>); the metric of an
/// existing budget is kept (EffectiveCost for a new one). Status without a team shows the budgets of the asker's teams, or all
/// budgets for finance, admins and people of no team; with <c>Visibility:Mode</c> OwnTeams never another team's budget.
/// </remarks>
public sealed partial class BudgetCommand(
    PersonResolver people,
    IBudgetStore store,
    IBudgetStatusService statuses,
    IOptions<BudgetOptions> options,
    TimeProvider time) : IConversationCommand
{
    public const string CardKind = "budgets";

    public async Task<Card?> TryHandleAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!TryParse(message.Text, out var request))
        {
            return null;
        }

        var person = await people.ResolveAsync(
            new ChannelIdentity(message.User.Channel, message.User.Id, message.User.Email, message.User.AadObjectId, message.Conversation.Id, message.Conversation.Workspace),
            cancellationToken);
        return request.IsStatus
            ? await StatusAsync(people.Directory, person, request.Team, cancellationToken)
            : await SetAsync(people.Directory, person, message.Conversation, request, cancellationToken);
    }

    /// <summary>True when <paramref name="text"/> is a budget command; <paramref name="request"/> says which.</summary>
    public static bool TryParse(string? text, out BudgetRequest request)
    {
        request = new BudgetRequest(true, null);
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var set = SetPattern().Match(text);
        if (!set.Success)
        {
            set = SetForPattern().Match(text);
        }

        if (set.Success)
        {
            if (!BudgetAmount.TryParse(set.Groups["amount"].Value, out var amount, out var currency))
            {
                return false;
            }

            BudgetPeriod? period = null;
            foreach (var group in new[] { "period", "adjective" })
            {
                if (set.Groups[group].Success && BudgetDefinition.TryParsePeriod(set.Groups[group].Value, out var p))
                {
                    period = p;
                }
            }

            request = new BudgetRequest(false, set.Groups["team"].Value, amount, currency, period);
            return true;
        }

        var status = StatusPattern().Match(text);
        if (!status.Success)
        {
            status = DoingPattern().Match(text);
        }

        if (!status.Success)
        {
            return false;
        }

        var team = status.Groups["team"].Success ? status.Groups["team"].Value : null;
        request = new BudgetRequest(true, team is "we" or "us" ? null : team);
        return true;
    }

    private async Task<Card> SetAsync(CompanyDirectory directory, Person? person, ConversationAddress here, BudgetRequest request, CancellationToken cancellationToken)
    {
        var team = FindTeam(directory, request.Team!);
        if (team is null)
        {
            return ConversationService.ErrorCard(
                $"I don't know a team called \"{request.Team}\". Teams: {string.Join(", ", directory.Teams.Select(t => t.Key))}.");
        }

        if (BudgetPermissions.RefuseChange(directory, person, team.Key) is { } refusal)
        {
            return ConversationService.ErrorCard(refusal);
        }

        var period = request.Period ?? BudgetPeriod.Month;
        var existing = await store.FindAsync(BudgetDefinition.IdFor(team.Key, period), cancellationToken);
        var currency = request.Currency ?? existing?.Currency ?? options.Value.DefaultCurrency.Trim().ToUpperInvariant();
        var budget = (existing ?? BudgetDefinition.ForTeam(team.Key, request.Amount, period, currency: currency)) with
        {
            Amount = request.Amount,
            Currency = currency,
        };
        var change = await store.SetAsync(budget, new BudgetChangeOrigin(person!.Key, BudgetChangeSource.Chat, $"{here.Channel} {here.Id}"), cancellationToken);
        var amount = BudgetText.Money(budget.Amount, budget.Currency);
        var per = BudgetText.Per(budget.Period);
        var text = change switch
        {
            null => $"The {team.DisplayName} budget already is {amount} {per}; nothing changed.",
            { Before: { } before } => $"Set the {team.DisplayName} budget to {amount} {per} ({BudgetText.MetricName(budget.Metric)}); it was {BudgetText.Money(before.Amount, before.Currency)} {BudgetText.Per(before.Period)}.",
            _ => $"Set the {team.DisplayName} budget to {amount} {per} ({BudgetText.MetricName(budget.Metric)}). I'll alert the team's owners and budget-alert subscribers at 80% and 100% of it, and when the forecast goes over.",
        };
        return new Card(CardKind, text, [new TextBlock(text), new ContextBlock($"Budget {budget.Id}; changed by {person.Label} {time.GetUtcNow():yyyy-MM-dd HH:mm} UTC. Every change is kept in the budget history.")]);
    }

    private async Task<Card> StatusAsync(CompanyDirectory directory, Person? person, string? teamName, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var all = await statuses.GetStatusAsync(today, cancellationToken);
        if (ViewerScope.Current is { } viewer)
        {
            // Visibility:Mode OwnTeams: the asker sees their own teams' budgets only (finance and admins have no scope).
            var visible = all.Where(s => s.Team is not null && viewer.AllowedTeams.Contains(s.Team)).ToList();
            if (teamName is not null && FindTeam(directory, teamName) is { } named && !viewer.AllowedTeams.Contains(named.Key))
            {
                return ConversationService.ErrorCard($"The {named.Key} budget can't be shown to you. {viewer.Reason}");
            }

            all = visible;
        }

        IReadOnlyList<BudgetStatus> shown;
        string scope;
        if (teamName is not null)
        {
            var team = FindTeam(directory, teamName);
            var key = team?.Key ?? teamName.Trim().ToLowerInvariant();
            shown = [.. all.Where(s => string.Equals(s.Team, key, StringComparison.OrdinalIgnoreCase))];
            scope = team?.DisplayName ?? teamName;
            if (shown.Count == 0)
            {
                return Reply($"{scope} has no budget. Its owners, finance or admins can set one: \"set the {key} budget to $25k a month\".");
            }
        }
        else
        {
            var mine = person is null || directory.HasRole(person, CompanyRole.Finance) || directory.HasRole(person, CompanyRole.Admin)
                ? []
                : directory.TeamsOf(person).ToHashSet(StringComparer.OrdinalIgnoreCase);
            shown = mine.Count == 0 ? all : [.. all.Where(s => s.Team is not null && mine.Contains(s.Team))];
            scope = mine.Count == 0 ? "all budgets" : "your teams";
            if (shown.Count == 0)
            {
                return Reply(mine.Count == 0 ? "There are no budgets yet." : "Your teams have no budgets yet.");
            }
        }

        var blocks = new List<CardBlock> { new TitleBlock($"Budget status: {scope}") };
        var lines = new List<string>();
        foreach (var s in shown)
        {
            var name = s.Team is null ? s.BudgetId : FindTeam(directory, s.Team)?.DisplayName ?? s.Team;
            var line = BudgetText.StatusLine(name, s);
            lines.Add(line);
            blocks.Add(new TextBlock(line));
        }

        blocks.Add(new ContextBlock($"As of the start of {today:yyyy-MM-dd} (UTC); the day's partial data is not counted."));
        return new Card(CardKind, string.Join("\n", lines), blocks);
    }

    private static DirectoryTeam? FindTeam(CompanyDirectory directory, string name) =>
        directory.FindTeam(name)
        ?? directory.Teams.FirstOrDefault(t => string.Equals(t.DisplayName, name.Trim(), StringComparison.OrdinalIgnoreCase));

    private static Card Reply(string text) => new(CardKind, text, [new TextBlock(text)]);

    private const string Team = @"(?<team>[\p{L}\p{N}][\p{L}\p{N}_-]{0,60}?)";
    private const string Amount = @"(?<amount>(?:[A-Za-z]{3}\s*)?[$€£¥]?\s*\d[\d,]*(?:\.\d+)?\s*(?:k|m|mm|thousand|million)?(?:\s*[A-Za-z]{3})?)";
    private const string Period = @"(?:\s+(?:a|an|per|each|every|/)\s*(?<period>month|quarter|year)|\s+(?<period>monthly|quarterly|yearly|annually))?";

    [GeneratedRegex(@"^\s*(?:please\s+)?(?:set|change|make|update)\s+(?:the\s+|our\s+)?" + Team + @"(?:\s+team)?(?:'s|')?\s+(?:(?<adjective>monthly|quarterly|yearly|annual)\s+)?budget\s+(?:to|at|=)\s+" + Amount + Period + @"(?:\s+please)?\s*[.!]*\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 200)]
    private static partial Regex SetPattern();

    [GeneratedRegex(@"^\s*(?:please\s+)?(?:set|change|make|update)\s+(?:the\s+)?(?:(?<adjective>monthly|quarterly|yearly|annual)\s+)?budget\s+(?:for|of)\s+(?:the\s+)?" + Team + @"(?:\s+team)?\s+(?:to|at|=)\s+" + Amount + Period + @"(?:\s+please)?\s*[.!]*\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 200)]
    private static partial Regex SetForPattern();

    [GeneratedRegex(@"^\s*(?:please\s+)?(?:show\s+(?:me\s+)?|what(?:'s| is)\s+)?(?:the\s+)?(?:(?<team>[\p{L}\p{N}][\p{L}\p{N}_-]{0,60}?)(?:\s+team)?(?:'s|')?\s+)?budgets?\s+status(?:\s+(?:for|of)\s+(?:the\s+)?(?<team>[\p{L}\p{N}][\p{L}\p{N}_-]{0,60}?)(?:\s+team)?)?\s*[.!?]*\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 200)]
    private static partial Regex StatusPattern();

    [GeneratedRegex(@"^\s*how(?:'s|\s+is|\s+are)\s+(?:the\s+)?(?<team>[\p{L}\p{N}][\p{L}\p{N}_-]{0,60}?)(?:\s+team)?\s+doing\s+(?:against|vs\.?|versus|on)\s+(?:the\s+|our\s+|its\s+|their\s+)?budgets?\s*[.!?]*\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 200)]
    private static partial Regex DoingPattern();
}
