using FinOps.Conversation.Approvals;
using FinOps.Conversation.Cards;
using FinOps.Core.Approvals;
using FinOps.Core.Budgets;

namespace FinOps.Conversation.Tests.Approvals;

public sealed class ApprovalActionHandlerTests
{
    private static readonly Dictionary<string, string> BudgetPayload = new()
    {
        [BudgetActions.BudgetIdKey] = "payments-monthly",
        [BudgetActions.PeriodStartKey] = "2026-12-01",
    };

    [Fact]
    public async Task HandleAsync_RequestIncreaseByMember_AnswersTheForm()
    {
        var chat = new ApprovalChat();

        var card = await chat.ClickAsync(ApprovalChat.SlackUser("U0MIA0001"), BudgetActions.RequestIncrease, BudgetPayload);

        Assert.Equal(ApprovalCards.FormKind, card.Kind);
        Assert.Equal([ApprovalCards.AmountInput, ApprovalCards.ReasonInput], card.Blocks.OfType<TextInputBlock>().Select(i => i.Id));
        var submit = Assert.Single(Assert.Single(card.Blocks.OfType<ActionsBlock>()).Actions);
        Assert.Equal((ApprovalCards.Submit, "payments-monthly", "2026-12-01"), (submit.ActionId, submit.Payload[BudgetActions.BudgetIdKey], submit.Payload[BudgetActions.PeriodStartKey]));
    }

    [Fact]
    public async Task HandleAsync_RequestIncreaseByBystander_PrivateRefusal()
    {
        var chat = new ApprovalChat();

        var card = await chat.ClickAsync(ApprovalChat.SlackUser("U0BOB0001"), BudgetActions.RequestIncrease, BudgetPayload);

        Assert.Equal(ApprovalCards.PrivateKind, card.Kind);
    }

    [Fact]
    public async Task HandleAsync_SubmitForm_RequestSentToOwnerOnEveryChannel()
    {
        var chat = new ApprovalChat();

        var card = await chat.ClickAsync(
            ApprovalChat.SlackUser("U0MIA0001"), ApprovalCards.Submit, BudgetPayload,
            new Dictionary<string, string> { [ApprovalCards.AmountInput] = "2,000", [ApprovalCards.ReasonInput] = "launch traffic" });

        Assert.Equal("approval-notice", card.Kind);
        var request = await chat.SingleRequestAsync();
        var toOwner = Assert.Single(chat.Slack.Sent);
        Assert.Equal("U0PAT0001", toOwner.To.Id);
        Assert.Equal(ApprovalCards.RequestKind, toOwner.Card.Kind);
        var facts = toOwner.Card.Blocks.OfType<FactsBlock>().Single().Facts.ToDictionary(f => f.Label, f => f.Value);
        Assert.Equal("+2,000.00 USD", facts["Amount"]);
        Assert.Equal("launch traffic", facts["Reason"]);
        Assert.Equal("Mia Member", facts["Requested by"]);
        Assert.StartsWith("24,500.00 USD", facts["Forecast"], StringComparison.Ordinal);
        Assert.Equal(["Approve", "Deny", "Ask for info"], toOwner.Card.Blocks.OfType<ActionsBlock>().Single().Actions.Select(a => a.Title));
        // The playground feed of a person with a Slack id is that id: the user the playground lists and a tab listens as.
        Assert.Single(chat.Playground.Sent, s => s.To.Id == "U0PAT0001");
        Assert.Equal(2, (await chat.Store.MessagesAsync(request.Id, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task HandleAsync_SubmitForBudgetWithDrivers_RequestCardListsTheDriversAsOfToday()
    {
        var chat = new ApprovalChat();
        chat.Budgets.Drivers.Add(new BudgetDriver(FinOps.Core.Query.Dimension.Service, "Amazon EC2", 9000m, 6000m));
        chat.Budgets.Drivers.Add(new BudgetDriver(FinOps.Core.Query.Dimension.Account, "payments-prod", 12000m, 10000m));

        await chat.ClickAsync(
            ApprovalChat.SlackUser("U0MIA0001"), ApprovalCards.Submit, BudgetPayload,
            new Dictionary<string, string> { [ApprovalCards.AmountInput] = "2,000", [ApprovalCards.ReasonInput] = "launch traffic" });

        var toOwner = Assert.Single(chat.Slack.Sent);
        var table = Assert.Single(toOwner.Card.Blocks.OfType<CostTableBlock>());
        Assert.Equal(["Amazon EC2 (service)", "payments-prod (account)"], table.Rows.Select(r => r.Label));
        Assert.Equal([9000m, 12000m], table.Rows.Select(r => r.Amount.Amount));
        Assert.Equal(3000m, table.Rows[0].Change!.Change.Amount);
        Assert.Equal(table.Rows, Assert.Single(toOwner.Card.Refresh!.OthersSee!.OfType<CostTableBlock>()).Rows);
        // As of today (December 7), not the period's first day, when the budget has no spend yet.
        Assert.All(chat.Budgets.DriversAsOf, d => Assert.Equal(new DateOnly(2026, 12, 7), d));
    }

    [Fact]
    public async Task HandleAsync_SubmitWithoutAmount_FormAgainWithTheProblem()
    {
        var chat = new ApprovalChat();

        var card = await chat.ClickAsync(ApprovalChat.SlackUser("U0MIA0001"), ApprovalCards.Submit, BudgetPayload, new Dictionary<string, string> { [ApprovalCards.AmountInput] = "lots" });

        Assert.Equal(ApprovalCards.FormKind, card.Kind);
        Assert.Contains(card.Blocks.OfType<TextBlock>(), t => t.Markdown.Contains("\"lots\" is not an amount", StringComparison.Ordinal));
        Assert.Empty(await chat.Store.ListAsync(null, null, CancellationToken.None));
    }

    [Fact]
    public async Task HandleAsync_OwnerApproves_EveryCopyUpdatedAndRequesterTold()
    {
        var chat = new ApprovalChat();
        await chat.SayAsync(ApprovalChat.SlackUser("U0MIA0001"), "request +$2,000 for payments this month: launch traffic");
        var request = await chat.SingleRequestAsync();
        var buttons = chat.Slack.Sent[0].Card.Blocks.OfType<ActionsBlock>().Single().Actions;

        var card = await chat.ClickAsync(ApprovalChat.SlackUser("U0PAT0001"), ApprovalCards.Approve, buttons[0].Payload, new Dictionary<string, string> { [ApprovalCards.AmountInput] = "1500" });

        Assert.Equal(ApprovalCards.RequestKind, card.Kind);
        Assert.Empty(card.Blocks.OfType<ActionsBlock>());
        var stored = (await chat.Store.FindAsync(request.Id, CancellationToken.None))!;
        Assert.Equal((ApprovalStatus.Approved, 1500m), (stored.Status, stored.ApprovedAmount));
        Assert.Single(chat.Slack.Updated);
        Assert.Single(chat.Playground.Updated);
        Assert.All(chat.Slack.Updated.Concat(chat.Playground.Updated), u => Assert.Empty(u.Card.Blocks.OfType<ActionsBlock>()));
        var told = chat.Slack.Sent.Single(s => s.To.Id == "C0PAYMENTS");
        Assert.StartsWith("Approved by Pat Owner", told.Card.FallbackText, StringComparison.Ordinal);
        Assert.Equal(1500m, await chat.Store.GetApprovedIncreaseAsync("payments-monthly", ApprovalChat.FakeBudgets.December, CancellationToken.None));
    }

    [Theory]
    [InlineData("U0BOB0001")]
    [InlineData("U0MIA0001")]
    public async Task HandleAsync_NonApproverClicksApprove_PrivateNoticeAndNothingChanges(string user)
    {
        var chat = new ApprovalChat();
        await chat.SayAsync(ApprovalChat.SlackUser("U0MIA0001"), "request +$2,000 for payments this month: launch traffic");
        var payload = chat.Slack.Sent[0].Card.Blocks.OfType<ActionsBlock>().Single().Actions[0].Payload;

        var card = await chat.ClickAsync(ApprovalChat.SlackUser(user), ApprovalCards.Approve, payload);

        Assert.Equal(ApprovalCards.PrivateKind, card.Kind);
        Assert.Contains("can't approve", card.FallbackText, StringComparison.Ordinal);
        Assert.Empty(card.Blocks.OfType<ActionsBlock>());
        Assert.Equal(ApprovalStatus.Pending, (await chat.SingleRequestAsync()).Status);
        Assert.Empty(chat.Slack.Updated);
    }

    [Fact]
    public async Task HandleAsync_DenyWithoutReason_PrivateNoticeAndStillPending()
    {
        var chat = new ApprovalChat();
        await chat.SayAsync(ApprovalChat.SlackUser("U0MIA0001"), "request +$2,000 for payments this month: launch traffic");
        var payload = chat.Slack.Sent[0].Card.Blocks.OfType<ActionsBlock>().Single().Actions[1].Payload;

        var card = await chat.ClickAsync(ApprovalChat.SlackUser("U0PAT0001"), ApprovalCards.Deny, payload);

        Assert.Equal(ApprovalCards.PrivateKind, card.Kind);
        Assert.Contains("needs a reason", card.FallbackText, StringComparison.Ordinal);
        Assert.Equal(ApprovalStatus.Pending, (await chat.SingleRequestAsync()).Status);
    }

    [Fact]
    public async Task HandleAsync_AskForInfo_QuestionReachesRequesterAndButtonsStay()
    {
        var chat = new ApprovalChat();
        await chat.SayAsync(ApprovalChat.SlackUser("U0MIA0001"), "request +$2,000 for payments this month: launch traffic");
        var payload = chat.Slack.Sent[0].Card.Blocks.OfType<ActionsBlock>().Single().Actions[2].Payload;

        var card = await chat.ClickAsync(ApprovalChat.SlackUser("U0PAT0001"), ApprovalCards.Ask, payload, new Dictionary<string, string> { [ApprovalCards.NoteInput] = "Which launch?" });

        Assert.Single(card.Blocks.OfType<ActionsBlock>());
        Assert.Contains(chat.Slack.Sent, s => s.To.Id == "C0PAYMENTS" && s.Card.FallbackText.Contains("Which launch?", StringComparison.Ordinal));
        Assert.Equal(ApprovalStatus.Pending, (await chat.SingleRequestAsync()).Status);
    }

    [Fact]
    public async Task HandleAsync_DoubleClickApprove_SecondSeesOutcomeOneDecision()
    {
        var chat = new ApprovalChat();
        await chat.SayAsync(ApprovalChat.SlackUser("U0MIA0001"), "request +$2,000 for payments this month: launch traffic");
        var payload = chat.Slack.Sent[0].Card.Blocks.OfType<ActionsBlock>().Single().Actions[0].Payload;

        await chat.ClickAsync(ApprovalChat.SlackUser("U0PAT0001"), ApprovalCards.Approve, payload);
        var second = await chat.ClickAsync(ApprovalChat.SlackUser("U0PAT0001"), ApprovalCards.Approve, payload);

        Assert.Equal(ApprovalCards.RequestKind, second.Kind);
        Assert.Contains(second.Blocks.OfType<TextBlock>(), t => t.Markdown.Contains("Approved by Pat Owner", StringComparison.Ordinal));
        Assert.Single(await chat.Store.AuditAsync(null, CancellationToken.None), a => a.Kind == ApprovalEventKind.Approved);
    }

    [Fact]
    public async Task HandleAsync_ViewByOwnerBystanderRequesterThenAfterDecision_ButtonsOnlyForTheOwnerWhilePending()
    {
        var chat = new ApprovalChat();
        await chat.SayAsync(ApprovalChat.SlackUser("U0MIA0001"), "request +$2,000 for payments this month: launch traffic");
        var request = await chat.SingleRequestAsync();
        var payload = new Dictionary<string, string> { [ApprovalCards.RequestIdKey] = request.Id };

        var owner = await chat.ClickAsync(ApprovalChat.SlackUser("U0PAT0001"), ApprovalCards.View, payload);
        var bystander = await chat.ClickAsync(ApprovalChat.SlackUser("U0BOB0001"), ApprovalCards.View, payload);
        var requester = await chat.ClickAsync(ApprovalChat.SlackUser("U0MIA0001"), ApprovalCards.View, payload);

        Assert.Equal(["Approve", "Deny", "Ask for info"], owner.Blocks.OfType<ActionsBlock>().Single().Actions.Select(a => a.Title));
        Assert.Equal(ApprovalCards.View, owner.Refresh!.Action.ActionId);
        Assert.Null(owner.Refresh.OthersSee);
        Assert.All([bystander, requester], c => Assert.Empty(c.Blocks.OfType<ActionsBlock>()));
        Assert.All([bystander, requester], c => Assert.Equal(ApprovalCards.RequestKind, c.Kind));
        Assert.Equal(ApprovalStatus.Pending, (await chat.SingleRequestAsync()).Status);

        var buttons = owner.Blocks.OfType<ActionsBlock>().Single().Actions;
        await chat.ClickAsync(ApprovalChat.SlackUser("U0PAT0001"), ApprovalCards.Approve, buttons[0].Payload);
        var decided = await chat.ClickAsync(ApprovalChat.SlackUser("U0PAT0001"), ApprovalCards.View, payload);

        Assert.Empty(decided.Blocks.OfType<ActionsBlock>());
        Assert.Null(decided.Refresh);
        Assert.StartsWith("Approved by Pat Owner", decided.Blocks.OfType<TextBlock>().Last().Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_ViewOfUnknownRequest_PrivateNotice()
    {
        var chat = new ApprovalChat();

        var card = await chat.ClickAsync(ApprovalChat.SlackUser("U0PAT0001"), ApprovalCards.View, new Dictionary<string, string> { [ApprovalCards.RequestIdKey] = "apr-missing" });

        Assert.Equal(ApprovalCards.PrivateKind, card.Kind);
    }

    [Fact]
    public async Task HandleAsync_SubmitForm_SharedCopyReadOnlyForOthersWithViewForApprovers()
    {
        var chat = new ApprovalChat();

        await chat.SayAsync(ApprovalChat.SlackUser("U0MIA0001"), "request +$2,000 for payments this month: launch traffic");

        var sent = Assert.Single(chat.Slack.Sent).Card;
        Assert.Single(sent.Blocks.OfType<ActionsBlock>());
        Assert.Equal(ApprovalCards.View, sent.Refresh!.Action.ActionId);
        Assert.Equal((await chat.SingleRequestAsync()).Id, sent.Refresh.Action.Payload[ApprovalCards.RequestIdKey]);
        Assert.Empty(sent.Refresh.OthersSee!.OfType<ActionsBlock>());
        Assert.Empty(sent.Refresh.OthersSee!.OfType<TextInputBlock>());
    }

    [Theory]
    [InlineData("0", "more than zero")]
    [InlineData("-5", "is not an amount")]
    [InlineData("1e3", "is not an amount")]
    public async Task HandleAsync_SubmitZeroOrNegativeAmount_FormAgainWithTheProblemNothingRequested(string amount, string problem)
    {
        var chat = new ApprovalChat();

        var card = await chat.ClickAsync(
            ApprovalChat.SlackUser("U0MIA0001"), ApprovalCards.Submit, BudgetPayload,
            new Dictionary<string, string> { [ApprovalCards.AmountInput] = amount, [ApprovalCards.ReasonInput] = "launch traffic" });

        Assert.Equal(ApprovalCards.FormKind, card.Kind);
        Assert.Contains(card.Blocks.OfType<TextBlock>(), t => t.Markdown.Contains(problem, StringComparison.Ordinal));
        Assert.Equal(ApprovalCards.MinimumAmount, card.Blocks.OfType<TextInputBlock>().Single(i => i.Id == ApprovalCards.AmountInput).Minimum);
        Assert.Empty(await chat.Store.ListAsync(null, null, CancellationToken.None));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1500")]
    public async Task HandleAsync_ApproveWithZeroOrNegativeAmount_PrivateNoticeStillPending(string amount)
    {
        var chat = new ApprovalChat();
        await chat.SayAsync(ApprovalChat.SlackUser("U0MIA0001"), "request +$2,000 for payments this month: launch traffic");
        var payload = chat.Slack.Sent[0].Card.Blocks.OfType<ActionsBlock>().Single().Actions[0].Payload;

        var card = await chat.ClickAsync(ApprovalChat.SlackUser("U0PAT0001"), ApprovalCards.Approve, payload, new Dictionary<string, string> { [ApprovalCards.AmountInput] = amount });

        Assert.Equal(ApprovalCards.PrivateKind, card.Kind);
        Assert.Contains("Nothing", card.FallbackText, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ApprovalStatus.Pending, (await chat.SingleRequestAsync()).Status);
    }
}
