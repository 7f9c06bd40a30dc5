using System.Globalization;
using FinOps.Conversation.Answers;
using FinOps.Conversation.Cards;
using FinOps.Core.Approvals;
using FinOps.Core.Budgets;
using FinOps.Core.People;

namespace FinOps.Slack.AppHome;

/// <summary>
/// The Home tab's content from the company directory (who the user is, their teams) and the question service
/// (month-to-date spend and the month-end forecast per team, asked as a person would ask them).
/// </summary>
public sealed class DirectoryHomeSource(
    PersonResolver? resolver,
    QuestionService? questionService,
    TimeProvider time,
    IBudgetStatusService? budgets = null,
    IApprovalStore? approvals = null,
    ApprovalPolicy? approvalPolicy = null) : ISlackHomeSource
{
    private PersonResolver People => resolver ?? throw Missing(nameof(PersonResolver));

    private QuestionService Questions => questionService ?? throw Missing(nameof(QuestionService));

    /// <summary>How many example questions the Home tab and the welcome message show.</summary>
    public const int ExampleCount = 3;

    public async Task<SlackHomeSummary> GetAsync(string teamId, string userId, CancellationToken cancellationToken)
    {
        var directory = People.Directory;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var examples = await ExamplesAsync(today, cancellationToken);
        var person = await People.ResolveAsync(new ChannelIdentity("slack", userId, Workspace: teamId), cancellationToken);
        if (person is null)
        {
            return new SlackHomeSummary(null, false, [], examples, directory.Source);
        }

        var statuses = budgets is null ? [] : await budgets.GetStatusAsync(today, cancellationToken);
        var teams = new List<SlackHomeTeam>();
        foreach (var key in directory.TeamsOf(person))
        {
            var team = directory.FindTeam(key);
            var spend = await Questions.AskAsync($"How much did {key} spend this month?", today, cancellationToken);
            var forecast = await Questions.AskAsync($"forecast for {key} this month", today, cancellationToken);
            teams.Add(new SlackHomeTeam(
                key,
                team?.DisplayName ?? key,
                spend.Currency ?? forecast.Currency,
                Answered(spend),
                Answered(forecast),
                team?.SlackChannels ?? [],
                BudgetLine(statuses.FirstOrDefault(b => string.Equals(b.Team, key, StringComparison.OrdinalIgnoreCase)))));
        }

        return new SlackHomeSummary(person.Label, true, teams, examples, directory.Source, await WaitingAsync(directory, person, cancellationToken));
    }

    /// <summary>
    /// The help answer's example questions (its buttons' questions): they are built from the value catalog, naming this
    /// company's own teams and services, and each is checked to parse.
    /// </summary>
    private async Task<IReadOnlyList<string>> ExamplesAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var help = await Questions.AskAsync("help", today, cancellationToken);
        return help.Card.Blocks.OfType<ActionsBlock>()
            .SelectMany(b => b.Actions)
            .Select(a => a.Payload.TryGetValue("question", out var q) ? q : null)
            .OfType<string>()
            .Take(ExampleCount)
            .ToList();
    }

    /// <summary>One line per pending request whose current step this person may decide (requests they made are left out).</summary>
    private async Task<IReadOnlyList<string>> WaitingAsync(CompanyDirectory directory, Person person, CancellationToken cancellationToken)
    {
        if (approvals is null || approvalPolicy is null)
        {
            return [];
        }

        var pending = await approvals.ListAsync(ApprovalStatus.Pending, null, cancellationToken);
        return pending
            .Where(r => approvalPolicy.CannotDecide(directory, r, person) is null)
            .OrderBy(r => r.CreatedAt)
            .Select(r => string.Create(
                CultureInfo.InvariantCulture,
                $"{r.Team}: +{r.Amount:N2} {r.Currency} requested by {r.Requester.Name} ({r.Reason})"))
            .ToList();
    }

    private static string? BudgetLine(BudgetStatus? budget)
    {
        if (budget is null)
        {
            return null;
        }

        var state = budget.State switch
        {
            BudgetState.Over => "over",
            BudgetState.AtRisk => "at risk",
            _ => "ok",
        };
        var forecast = budget.Forecast is { } f ? string.Create(CultureInfo.InvariantCulture, $", forecast {f.Value:N2}") : string.Empty;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{budget.EffectiveLimit:N2} {budget.Currency}: {state} (actual {budget.Actual:N2}{forecast})");
    }

    private static InvalidOperationException Missing(string service) =>
        new($"The Slack App Home needs {service}; register it with AddConversation.");

    /// <summary>The answer's figure, or null when the question was asked back instead of answered.</summary>
    private static decimal? Answered(QuestionAnswer answer) => answer.Clarify is null ? answer.Total : null;
}
