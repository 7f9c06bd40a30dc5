using FinOps.Conversation.Anomalies;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Messaging;
using FinOps.Conversation.Tests.Approvals;
using FinOps.Core.Allocation;
using FinOps.Core.Anomalies;
using FinOps.Core.People;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Conversation.Tests.Anomalies;

/// <summary>The anomaly card's feedback buttons: who may click, what is recorded and what the returned card says.</summary>
public sealed class AnomalyFeedbackActionHandlerTests
{
    private static readonly CostAnomaly Spike = new(
        "an-0123456789ab", [new("team", "payments"), new("service", "EC2")], new DateOnly(2026, 12, 5), new DateOnly(2026, 12, 6),
        new DateOnly(2026, 12, 6), true, "USD", 3_700m, 700m, 3_000m, AnomalyDirection.Up, AnomalyKind.Point,
        [new([new("service", "EC2"), new("resource", "r-batch")], 3_000m, new DateOnly(2026, 12, 5))]);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
    private readonly InMemoryAnomalyFeedbackStore _store = new();
    private readonly FoundIncidents _incidents = new();
    private readonly AnomalyFeedbackActionHandler _handler;

    public AnomalyFeedbackActionHandlerTests()
    {
        var directory = new DirectorySource(new AllocationRuleSource(AllocationRulesParser.Parse(ApprovalChat.Rules, "allocation.yaml")));
        _handler = new AnomalyFeedbackActionHandler(
            _store, new PersonResolver(directory, [], _time, new DirectoryOptions()), _time, NullLogger<AnomalyFeedbackActionHandler>.Instance, _incidents);
    }

    [Fact]
    public void Compose_NewAlert_FourFeedbackButtonsCarryingTheIncident()
    {
        var card = AnomalyAlertCardComposer.Compose(Spike, "Payments");

        var buttons = card.Blocks.OfType<ActionsBlock>().Single().Actions;
        Assert.Equal(["Expected", "Investigating", "Not an issue", "Mute this service for 7 days"], buttons.Select(b => b.Title));
        Assert.Equal([AnomalyFeedbackActions.Expected, AnomalyFeedbackActions.Investigating, AnomalyFeedbackActions.NotAnIssue, AnomalyFeedbackActions.Mute], buttons.Select(b => b.ActionId));
        Assert.All(buttons, b => Assert.StartsWith("anomaly.", b.ActionId, StringComparison.Ordinal));
        var payload = buttons[0].Payload;
        Assert.Equal(
            ("an-0123456789ab", "payments", "EC2", "team=payments, service=EC2", "USD", "up", "2026-12-05", "3000"),
            (payload["id"], payload["team"], payload["service"], payload["scope"], payload["currency"], payload["direction"], payload["start"], payload["daily"]));
    }

    [Theory]
    [InlineData(AnomalyFeedbackActions.Investigating, "Investigating: Mia Member (since 2026-12-07 10:00 UTC)")]
    [InlineData(AnomalyFeedbackActions.Expected, "Marked expected by Mia Member")]
    [InlineData(AnomalyFeedbackActions.NotAnIssue, "Not an issue (Mia Member)")]
    [InlineData(AnomalyFeedbackActions.Mute, "Muted EC2 for payments until 2026-12-14 by Mia Member")]
    public async Task HandleAsync_TeamMemberClicksEachButtonTwice_RecordedOnceAndCardShowsState(string actionId, string state)
    {
        var first = await _handler.HandleAsync(Click(actionId, "U0MIA0001"), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(5));
        var second = await _handler.HandleAsync(Click(actionId, "U0MIA0001"), CancellationToken.None);

        var entry = Assert.Single(await _store.ListAsync(Spike.Id, CancellationToken.None));
        Assert.Equal(("mia@corp.example", "Mia Member", new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero), "slack"), (entry.ActorKey, entry.ActorName, entry.At, entry.Channel));
        Assert.Equal(AnomalyAlertCardComposer.CardKind, first.Kind);
        Assert.Contains(first.Blocks.OfType<TextBlock>(), t => t.Markdown.Contains(state, StringComparison.Ordinal));
        Assert.Contains(state, first.FallbackText, StringComparison.Ordinal);
        Assert.Equal(first.FallbackText, second.FallbackText);
        // The used button is gone, the others stay.
        var titles = first.Blocks.OfType<ActionsBlock>().Single().Actions.Select(a => a.ActionId).ToList();
        Assert.DoesNotContain(actionId, titles);
        Assert.Equal(3, titles.Count);
        // The incident's numbers are still there.
        Assert.StartsWith("Cost anomaly: payments / EC2 is $3,000.00", first.Blocks.OfType<TitleBlock>().Single().Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("U0BOB0001")]
    [InlineData("U0NOBODY1")]
    public async Task HandleAsync_OtherTeamMemberOrUnknownPerson_RefusedPrivatelyNothingRecorded(string slackUser)
    {
        var card = await _handler.HandleAsync(Click(AnomalyFeedbackActions.Expected, slackUser), CancellationToken.None);

        Assert.True(CardReply.IsPrivate(card));
        Assert.Contains("nothing was recorded", card.FallbackText, StringComparison.Ordinal);
        Assert.Empty(await _store.ListAsync(null, CancellationToken.None));
    }

    [Theory]
    [InlineData("fiona@corp.example", "Fiona Finance")]
    [InlineData("adam@corp.example", "Adam Admin")]
    public async Task HandleAsync_FinanceOrAdmin_Recorded(string email, string name)
    {
        var click = Click(AnomalyFeedbackActions.NotAnIssue, "U0X") with { User = new ChatUser("playground", email) };

        var card = await _handler.HandleAsync(click, CancellationToken.None);

        Assert.False(CardReply.IsPrivate(card));
        Assert.Equal(name, Assert.Single(await _store.ListAsync(null, CancellationToken.None)).ActorName);
    }

    [Fact]
    public async Task HandleAsync_IncidentNoLongerReported_CompactCardWithStateAndRemainingButtons()
    {
        _incidents.Found = null;

        var card = await _handler.HandleAsync(Click(AnomalyFeedbackActions.Investigating, "U0PAT0001"), CancellationToken.None);

        Assert.Equal("Cost anomaly: payments / EC2 (payments)", card.Blocks.OfType<TitleBlock>().Single().Text);
        Assert.Contains("Investigating: Pat Owner (since 2026-12-07 10:00 UTC)", card.FallbackText, StringComparison.Ordinal);
        Assert.Equal(3, card.Blocks.OfType<ActionsBlock>().Single().Actions.Count);
    }

    [Fact]
    public async Task HandleAsync_PayloadWithoutIncident_ErrorNothingRecorded()
    {
        var click = Click(AnomalyFeedbackActions.Expected, "U0MIA0001") with { Payload = new Dictionary<string, string> { ["team"] = "payments" } };

        var card = await _handler.HandleAsync(click, CancellationToken.None);

        Assert.Equal("error", card.Kind);
        Assert.Contains("does not say which anomaly", card.FallbackText, StringComparison.Ordinal);
        Assert.Empty(await _store.ListAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task TryHandleAsync_HowAccurateAreAnomalyAlerts_PrecisionWithCountsAndDefinition()
    {
        var command = new AnomalyPrecisionCommand(_store);
        await _handler.HandleAsync(Click(AnomalyFeedbackActions.Investigating, "U0MIA0001"), CancellationToken.None);
        await _handler.HandleAsync(Click(AnomalyFeedbackActions.Expected, "U0MIA0001", "an-second"), CancellationToken.None);
        await _handler.HandleAsync(Click(AnomalyFeedbackActions.NotAnIssue, "U0MIA0001", "an-third"), CancellationToken.None);

        var card = await command.TryHandleAsync(new IncomingMessage("how accurate are anomaly alerts?", new ChatUser("slack", "U0MIA0001"), new ConversationAddress("slack", "C1")), CancellationToken.None);
        var other = await command.TryHandleAsync(new IncomingMessage("anomalies this week", new ChatUser("slack", "U0MIA0001"), new ConversationAddress("slack", "C1")), CancellationToken.None);

        Assert.NotNull(card);
        Assert.Null(other);
        Assert.Equal("Anomaly alert precision: 66.7% (2 of 3 alerts with feedback were real)", card.Blocks.OfType<TitleBlock>().Single().Text);
        var facts = card.Blocks.OfType<FactsBlock>().Single().Facts.ToDictionary(f => f.Label, f => f.Value);
        Assert.Equal("2 (Expected 1, Investigating 1)", facts["Real detections"]);
        Assert.Equal("1 (Not an issue)", facts["False alarms"]);
        Assert.Contains("Precision = real detections / (real detections + false alarms)", card.FallbackText, StringComparison.Ordinal);
    }

    private static CardActionInvoked Click(string actionId, string slackUser, string? id = null)
    {
        var payload = new Dictionary<string, string>(AnomalyFeedbackActions.Payload(Spike));
        if (id is not null)
        {
            payload["id"] = id;
        }

        return new CardActionInvoked(actionId, payload, new Dictionary<string, string>(), new ChatUser("slack", slackUser), new ConversationAddress("slack", "C0PAYMENTS"), "1772600000.000100");
    }

    private sealed class FoundIncidents : IAnomalyIncidentLookup
    {
        public CostAnomaly? Found { get; set; } = Spike;

        public Task<CostAnomaly?> FindAsync(string id, DateOnly start, CancellationToken cancellationToken) =>
            Task.FromResult(Found is { } f && f.Id == id ? f : null);
    }
}
