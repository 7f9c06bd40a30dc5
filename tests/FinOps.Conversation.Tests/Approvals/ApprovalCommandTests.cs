using FinOps.Conversation.Approvals;
using FinOps.Conversation.Cards;
using FinOps.Core.Approvals;

namespace FinOps.Conversation.Tests.Approvals;

public sealed class ApprovalCommandTests
{
    [Fact]
    public async Task TryHandleAsync_RequestSentence_StoresRequestForTheMonthlyBudget()
    {
        var chat = new ApprovalChat();

        var card = await chat.SayAsync(ApprovalChat.SlackUser("U0MIA0001"), "request +$2,000 for payments this month: launch traffic");

        Assert.NotNull(card);
        Assert.Equal("approval-notice", card.Kind);
        var request = await chat.SingleRequestAsync();
        Assert.Equal(("payments-monthly", 2000m, "USD", "launch traffic"), (request.BudgetId, request.Amount, request.Currency, request.Reason));
        Assert.Equal("mia@corp.example", request.Requester.Key);
        Assert.Equal(("slack", "C0PAYMENTS"), (request.Requester.Channel, request.Requester.ConversationId));
    }

    [Fact]
    public async Task TryHandleAsync_ThisQuarter_UsesTheQuarterlyBudget()
    {
        var chat = new ApprovalChat();

        await chat.SayAsync(ApprovalChat.PlaygroundUser("mia@corp.example"), "Request 3k for payments this quarter: Black Friday");

        var request = await chat.SingleRequestAsync();
        Assert.Equal(("payments-q4", 3000m), (request.BudgetId, request.Amount));
    }

    [Theory]
    [InlineData("request +$2,000 for payments: launch", "Say which budget of payments")]
    [InlineData("request +$2,000 for payments this month", "Say why after a colon")]
    [InlineData("request +€2,000 for payments this month: x", "is in USD, not EUR")]
    [InlineData("request 100 for nobody this month: x", "has no budget")]
    public async Task TryHandleAsync_IncompleteRequest_ErrorNamesTheProblemAndNothingStored(string text, string expected)
    {
        var chat = new ApprovalChat();

        var card = await chat.SayAsync(ApprovalChat.SlackUser("U0MIA0001"), text);

        Assert.Equal("error", card!.Kind);
        Assert.Contains(expected, card.FallbackText, StringComparison.Ordinal);
        Assert.Empty(await chat.Store.ListAsync(null, null, CancellationToken.None));
    }

    [Fact]
    public async Task TryHandleAsync_BystanderRequests_RefusedAndNothingStored()
    {
        var chat = new ApprovalChat();

        var card = await chat.SayAsync(ApprovalChat.SlackUser("U0BOB0001"), "request +$2,000 for payments this month: mine");

        Assert.Equal("error", card!.Kind);
        Assert.Contains("not in payments", card.FallbackText, StringComparison.Ordinal);
        Assert.Empty(await chat.Store.ListAsync(null, null, CancellationToken.None));
    }

    [Fact]
    public async Task TryHandleAsync_ApprovalsForTeamThisQuarter_ListsTheTeamsRequests()
    {
        var chat = new ApprovalChat();
        await chat.SayAsync(ApprovalChat.SlackUser("U0MIA0001"), "request +$2,000 for payments this month: launch traffic");

        var card = await chat.SayAsync(ApprovalChat.PlaygroundUser("fiona@corp.example"), "approvals for payments this quarter");

        Assert.Equal(ApprovalCards.ListKind, card!.Kind);
        var facts = Assert.Single(card.Blocks.OfType<FactsBlock>());
        Assert.Contains("launch traffic", Assert.Single(facts.Facts).Value, StringComparison.Ordinal);
        Assert.Contains("pending", facts.Facts[0].Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryHandleAsync_BystanderListsApprovals_Refused()
    {
        var chat = new ApprovalChat();

        var card = await chat.SayAsync(ApprovalChat.SlackUser("U0BOB0001"), "approvals for payments this month");

        Assert.Equal("error", card!.Kind);
    }

    [Theory]
    [InlineData("how much did payments spend this month")]
    [InlineData("request access to the dashboard")]
    [InlineData("subscribe this channel to payments digests")]
    public async Task TryHandleAsync_OtherText_NotThisCommand(string text)
    {
        var chat = new ApprovalChat();

        Assert.Null(await chat.SayAsync(ApprovalChat.SlackUser("U0MIA0001"), text));
    }

    [Theory]
    [InlineData("+$2,000", 2000, "USD")]
    [InlineData("2k", 2000, null)]
    [InlineData("1500.50 EUR", 1500.50, "EUR")]
    [InlineData("£ 300", 300, "GBP")]
    public void TryParseAmount_TypedAmounts_Parsed(string text, decimal amount, string? currency)
    {
        Assert.True(ApprovalText.TryParseAmount(text, out var parsed, out var code));
        Assert.Equal((amount, currency), (parsed, code));
    }

    [Theory]
    [InlineData("")]
    [InlineData("lots")]
    [InlineData("-5")]
    public void TryParseAmount_NotAnAmount_False(string text) => Assert.False(ApprovalText.TryParseAmount(text, out _, out _));
}
