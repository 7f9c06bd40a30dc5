using FinOps.Conversation.Budgets;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Tests.Questions;
using FinOps.Core.Allocation;
using FinOps.Core.Budgets;
using FinOps.Core.Calendar;
using FinOps.Core.People;
using FinOps.Testing.Budgets;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Conversation.Tests.Budgets;

public sealed class BudgetCommandTests : IDisposable
{
    private const string Rules = """
        version: 1
        roles:
          finance: [fin@corp.example]
        teams:
          - key: payments
            name: Payments
            owners:
              - email: pat@corp.example
                slack: U0PAT0001
            members: [mia@corp.example]
          - key: search
            owners: [sam@corp.example]
        budgets:
          - team: search
            amount: 100
        """;

    // Monday 23 November 2026: 22 days of November are known.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryBudgetStore _store;
    private readonly BudgetRulesSync _sync;
    private readonly BudgetCommand _command;

    public BudgetCommandTests()
    {
        _store = new InMemoryBudgetStore(_clock);
        var rules = new AllocationRuleSource(AllocationRulesParser.Parse(Rules, "allocation.yaml"));
        var costs = new EngineCostQueryService();
        for (var day = new DateOnly(2026, 11, 1); day < new DateOnly(2026, 11, 23); day = day.AddDays(1))
        {
            costs.Add(day, 1_000m, "payments").Add(day, 10m, "search");
        }

        _sync = new BudgetRulesSync(_store, rules);
        var statuses = new BudgetStatusService(_store, costs, new CostCalendar(), _sync, new RunRateCostForecaster(costs));
        var people = new PersonResolver(new DirectorySource(rules), [], _clock, new DirectoryOptions());
        _command = new BudgetCommand(people, _store, statuses, Options.Create(new BudgetOptions()), _clock);
    }

    public void Dispose() => _sync.Dispose();

    [Fact]
    public async Task Set_ByOwner_StoredAndAuditedAsChatWithConversation()
    {
        var reply = await SayAsync("set the payments budget to $25k a month", new ChatUser("slack", "U0PAT0001"), new ConversationAddress("slack", "C0PAY", "T0"));

        Assert.Equal(BudgetCommand.CardKind, reply.Kind);
        Assert.Contains("Set the Payments budget to $25,000.00 a month", reply.FallbackText, StringComparison.Ordinal);
        var budget = await _store.FindAsync("payments-month", default);
        Assert.Equal(25_000m, budget!.Amount);
        Assert.Equal("USD", budget.Currency);
        var change = Assert.Single(await _store.ListChangesAsync("payments-month", default));
        Assert.Equal(("create", "pat@corp.example", BudgetChangeSource.Chat, "slack C0PAY"), (change.Action, change.ChangedBy, change.Source, change.Detail));
        Assert.Equal(_clock.GetUtcNow(), change.ChangedAt);
    }

    [Fact]
    public async Task Set_ByFinanceForAnotherTeamPerQuarter_AllowedWithWasAmount()
    {
        await SayAsync("set the payments budget to 60000 per quarter", new ChatUser("playground", "fin@corp.example"));

        var reply = await SayAsync("set budget for payments to €70k quarterly", new ChatUser("playground", "fin@corp.example"));

        Assert.Contains("it was $60,000.00 a quarter", reply.FallbackText, StringComparison.Ordinal);
        var budget = await _store.FindAsync("payments-quarter", default);
        Assert.Equal((70_000m, "EUR", BudgetPeriod.Quarter), (budget!.Amount, budget.Currency, budget.Period));
    }

    [Theory]
    [InlineData("mia@corp.example", "Only its owners (pat@corp.example), finance and admins may change the payments budget")]
    [InlineData("sam@corp.example", "Only its owners (pat@corp.example), finance and admins may change the payments budget")]
    [InlineData("nobody@corp.example", "can't find you in the company directory")]
    public async Task Set_ByBystander_RefusedWithReasonAndNothingStored(string who, string reason)
    {
        var reply = await SayAsync("set the payments budget to $25k a month", new ChatUser("playground", who));

        Assert.Equal("error", reply.Kind);
        Assert.Contains(reason, reply.FallbackText, StringComparison.Ordinal);
        Assert.Null(await _store.FindAsync("payments-month", default));
        Assert.DoesNotContain(await _store.ListChangesAsync(null, default), c => c.BudgetId == "payments-month");
    }

    [Fact]
    public async Task Status_ForTeam_ActualOfLimitForecastAndState()
    {
        await SayAsync("set the payments budget to $25k a month", new ChatUser("slack", "U0PAT0001"));

        var reply = await SayAsync("budget status for payments", new ChatUser("playground", "mia@corp.example"));

        // 22 known days of $1,000: $22,000 of $25,000 (88%); run-rate forecast $30,000 (interval $29,200 to $30,800): at risk.
        Assert.Contains("**Payments** (November 2026): $22,000.00 of $25,000.00 (88%), forecast $30,000.00 ($29,200.00 – $30,800.00): at risk", reply.FallbackText, StringComparison.Ordinal);
        Assert.DoesNotContain("search", reply.FallbackText, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Status_HowAreWeDoing_OnlyTheAskersTeams()
    {
        await SayAsync("set the payments budget to $25k a month", new ChatUser("slack", "U0PAT0001"));

        var sam = await SayAsync("how are we doing against budget?", new ChatUser("playground", "sam@corp.example"));
        var finance = await SayAsync("how are we doing against budget", new ChatUser("playground", "fin@corp.example"));

        Assert.Contains("**search** (November 2026): $220.00 of $100.00 (220%)", sam.FallbackText, StringComparison.Ordinal);
        Assert.Contains("over budget", sam.FallbackText, StringComparison.Ordinal);
        Assert.DoesNotContain("Payments", sam.FallbackText, StringComparison.Ordinal);
        Assert.Contains("Payments", finance.FallbackText, StringComparison.Ordinal);
        Assert.Contains("search", finance.FallbackText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_OwnTeamsVisibility_OtherTeamsBudgetRefusedAndHiddenFromOverview()
    {
        await SayAsync("set the payments budget to $25k a month", new ChatUser("slack", "U0PAT0001"));
        var sam = new ChatUser("playground", "sam@corp.example");

        Card named, overview;
        using (FinOps.Conversation.Visibility.ViewerScope.Enter(new FinOps.Conversation.Visibility.ViewerScope(["search"], "Answers here are limited to your own teams (search).")))
        {
            named = await SayAsync("budget status for payments", sam);
            overview = await SayAsync("budget status", new ChatUser("playground", "nobody@corp.example"));
        }

        Assert.Equal("error", named.Kind);
        Assert.Contains("The payments budget can't be shown to you. Answers here are limited to your own teams (search).", named.FallbackText, StringComparison.Ordinal);
        Assert.Contains("search", overview.FallbackText, StringComparison.Ordinal);
        Assert.DoesNotContain("Payments", overview.FallbackText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("set the payments budget to $25k a month", false, "payments", 25000, "USD", BudgetPeriod.Month)]
    [InlineData("Set payments' budget to 30,000", false, "payments", 30000, null, null)]
    [InlineData("please set the search team's quarterly budget to 1.5m EUR", false, "search", 1500000, "EUR", BudgetPeriod.Quarter)]
    [InlineData("set the budget for payments to $2k per year", false, "payments", 2000, "USD", BudgetPeriod.Year)]
    [InlineData("budget status for payments", true, "payments", 0, null, null)]
    [InlineData("payments budget status", true, "payments", 0, null, null)]
    [InlineData("how is payments doing against budget?", true, "payments", 0, null, null)]
    [InlineData("how are we doing against budget", true, null, 0, null, null)]
    [InlineData("budget status", true, null, 0, null, null)]
    public void TryParse_Commands_Recognised(string text, bool isStatus, string? team, int amount, string? currency, BudgetPeriod? period)
    {
        Assert.True(BudgetCommand.TryParse(text, out var request));

        Assert.Equal(new BudgetRequest(isStatus, team, amount, currency, period), request);
    }

    [Theory]
    [InlineData("what did payments spend last month")]
    [InlineData("set the payments budget to lots")]
    [InlineData("subscribe this channel to payments budget alerts")]
    [InlineData("request +$2,000 for payments this month: launch traffic")]
    public void TryParse_OtherText_NotABudgetCommand(string text) => Assert.False(BudgetCommand.TryParse(text, out _));

    private async Task<Card> SayAsync(string text, ChatUser user, ConversationAddress? conversation = null) =>
        await _command.TryHandleAsync(new Messaging.IncomingMessage(text, user, conversation ?? new ConversationAddress("playground", "session-1")), default)
        ?? throw new InvalidOperationException("not a command: " + text);
}
