using System.Globalization;
using System.Text.Json.Nodes;
using FinOps.Bot.Scheduling;
using FinOps.Conversation;
using FinOps.Conversation.Anomalies;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Charts;
using FinOps.Conversation.Messaging;
using FinOps.Conversation.Rendering;
using FinOps.Core.Allocation;
using FinOps.Core.Anomalies;
using FinOps.Core.Query;
using FinOps.Core.Reliability;
using FinOps.Core.Subscriptions;
using FinOps.Slack;
using FinOps.Slack.BlockKit;
using FinOps.Storage;
using FinOps.Storage.Anomalies;
using FinOps.Storage.Data;
using FinOps.Storage.Queue;
using FinOps.Storage.Reliability;
using FinOps.Teams.Cards;
using FinOps.Teams.Conversations;
using FinOps.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Quartz;

namespace FinOps.Bot.Tests.Scheduling;

/// <summary>Cost anomaly alerts: who receives them, once per incident and recipient, across restarts; the card.</summary>
public sealed class AnomalyAlertTests : IDisposable
{
    private const string CompanyRules = """
        version: 1
        teams:
          - key: payments
            name: Payments
            owners:
              - email: pat@corp.example
                slack: U0PAT0001
            members: [mia@corp.example]
            channels:
              - slack: C0PAYMENTS
          - key: ledger
            owners:
              - email: lee@corp.example
                slack: U0LEE0001
        """;

    private static readonly DateOnly SpikeDay = new(2026, 11, 20);
    private static readonly DateOnly RunDate = SpikeDay.AddDays(1);

    private readonly string _folder = Directory.CreateTempSubdirectory("finops-anomaly-alerts-").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 21, 7, 30, 0, TimeSpan.Zero));
    private readonly RecordingSender _playground = new("playground");
    private readonly RecordingSender _slack = new("slack");
    private readonly InMemorySubscriptionStore _subscriptions = new();
    private EngineQueryService _costs = new(Costs());

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Publish_SpikeOfOneTeam_SentToItsAnomalySubscribersAndOwnersOnly()
    {
        await SubscribeAsync("payments", SubscriptionTopic.Anomalies, "C0PAYALERTS");
        await SubscribeAsync("payments", SubscriptionTopic.Budgets, "C0PAYBUDGETS");
        await SubscribeAsync("ledger", SubscriptionTopic.Anomalies, "C0LEDGERALERTS");
        await using var services = Services();

        var sent = await PublishAsync(services, RunDate);

        Assert.Equal(3, sent);
        Assert.Equal(
            ["slack:C0PAYALERTS", "slack:U0PAT0001"],
            _slack.Sent.Select(s => "slack:" + s.Address.Id).Order(StringComparer.Ordinal));
        Assert.Equal(["U0PAT0001"], _playground.Sent.Select(s => s.Address.Id));
        // One incident (at payments / EC2, not repeated for the team or the account), the same on every recipient.
        Assert.Single(_slack.Sent.Concat(_playground.Sent).Select(s => s.Key.Split(':')[1]).Distinct());
    }

    [Fact]
    public async Task Publish_AcrossSimulatedRestart_EachIncidentOncePerRecipient()
    {
        await SubscribeAsync("payments", SubscriptionTopic.Anomalies, "C0PAYALERTS");

        await using (var first = Services())
        {
            Assert.Equal(3, await PublishAsync(first, RunDate));
            Assert.Equal(0, await PublishAsync(first, RunDate));
        }

        // A new process over the same queue file: the incident (still within the catch-up days) is not sent again.
        await using (var second = Services())
        {
            Assert.Equal(0, await PublishAsync(second, RunDate));
            Assert.Equal(0, await PublishAsync(second, RunDate.AddDays(1)));
        }

        var keys = _playground.Sent.Concat(_slack.Sent).Select(s => s.Key).ToList();
        Assert.Equal(3, keys.Count);
        Assert.Equal(3, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.All(keys, k => Assert.StartsWith("anomaly:an-", k, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Publish_SendFailed_RetriedOnNextRunOnly()
    {
        await SubscribeAsync("payments", SubscriptionTopic.Anomalies, "C0PAYALERTS");
        _slack.FailuresLeft = 1;
        await using var services = Services();

        await PublishAsync(services, RunDate);
        await PublishAsync(services, RunDate);
        await PublishAsync(services, RunDate);

        Assert.Equal(2, _slack.Sent.Count);
        Assert.Equal(2, _slack.Sent.Select(s => s.Key).Distinct().Count());
    }

    [Fact]
    public async Task Publish_BeforeTheSpikeIsKnown_NothingSent()
    {
        await using var services = Services();

        Assert.Equal(0, await PublishAsync(services, SpikeDay));

        Assert.Empty(_playground.Sent);
    }

    [Fact]
    public async Task Execute_DataEndsBeforeToday_JudgesTheLastDayWithDataNotTheMissingDays()
    {
        // Today is 25 November but the last imported day is the spike day: runs for 21-24 November would see $0 and call it a drop.
        _clock.SetUtcNow(new DateTimeOffset(2026, 11, 25, 7, 30, 0, TimeSpan.Zero));
        _costs.Coverage = Coverage(new DateTimeOffset(2026, 11, 21, 3, 0, 0, TimeSpan.Zero));
        await using var services = Services();

        await ExecuteAsync(services, new ImportWatermark<AnomalyAlertJob>(), daily: true);

        var card = Assert.Single(_playground.Sent).Card;
        Assert.Equal("2026-11-20", card.Blocks.OfType<FactsBlock>().Single().Facts.Single(f => f.Label == "Period").Value);
    }

    [Fact]
    public async Task Execute_ImportCheck_RunsOnlyWhenTheLastImportTimeChanged()
    {
        _costs.Coverage = Coverage(new DateTimeOffset(2026, 11, 21, 3, 0, 0, TimeSpan.Zero));
        var watermark = new ImportWatermark<AnomalyAlertJob>();
        await using var services = Services();
        await ExecuteAsync(services, watermark, daily: false);
        Assert.Single(_playground.Sent);

        // A subscriber added later is reached by the next run that happens: not by an import check without a new import...
        await SubscribeAsync("payments", SubscriptionTopic.Anomalies, "C0PAYALERTS");
        await ExecuteAsync(services, watermark, daily: false);
        Assert.DoesNotContain(_slack.Sent, s => s.Address.Id == "C0PAYALERTS");

        // ...but by the check after a new import.
        _costs.Coverage = Coverage(new DateTimeOffset(2026, 11, 21, 5, 0, 0, TimeSpan.Zero));
        await ExecuteAsync(services, watermark, daily: false);
        Assert.Single(_slack.Sent, s => s.Address.Id == "C0PAYALERTS");
    }

    [Fact]
    public async Task Publish_Card_ImpactActualExpectedPeriodMetricAndNewRootCause()
    {
        await using var services = Services();

        await PublishAsync(services, RunDate);

        var card = Assert.Single(_playground.Sent).Card;
        Assert.Equal(AnomalyAlertCardComposer.CardKind, card.Kind);
        var title = Assert.IsType<TitleBlock>(card.Blocks[0]).Text;
        Assert.StartsWith("Cost anomaly: payments / EC2 is $", title, StringComparison.Ordinal);
        Assert.EndsWith("above expected", title, StringComparison.Ordinal);
        var facts = card.Blocks.OfType<FactsBlock>().Single().Facts.ToDictionary(f => f.Label, f => f.Value);
        Assert.Equal("Payments", facts["Team"]);
        Assert.Equal("2026-11-20", facts["Period"]);
        Assert.Equal("EffectiveCost of usage charges, USD", facts["Metric"]);
        Assert.Matches(@"^\+\$[0-9,]+\.\d\d \(\+\d+%\)$", facts["Impact"]);
        var number = card.Blocks.OfType<KeyNumberBlock>().Single();
        Assert.Equal("vs expected", number.ChangeLabel);
        Assert.True(number.Value.Amount > 3_000m, $"actual {number.Value.Amount}");
        Assert.True(number.Change!.Change.Amount > 2_500m, $"impact {number.Change.Change.Amount}");
        var causes = card.Blocks.OfType<CostTableBlock>().Single();
        Assert.InRange(causes.Rows.Count, 1, AnomalyDetectionService.MaxRootCauses);
        Assert.Equal("service EC2, account acct-payments, region us-east-1, r-payments-batch (new since 2026-11-20)", causes.Rows[0].Label);
        Assert.Equal(3_000m, causes.Rows[0].Amount.Amount);
        Assert.Equal(
            ["Expected", "Investigating", "Not an issue", "Mute this service for 7 days"],
            card.Blocks.OfType<ActionsBlock>().Single().Actions.Select(a => a.Title));
    }

    [Fact]
    public async Task Publish_RepeatOfSpikeMarkedExpected_SimilarRepeatNotSentMuchLargerOneSent()
    {
        var similar = SpikeDay.AddDays(14);
        var larger = SpikeDay.AddDays(28);
        var feedback = new InMemoryAnomalyFeedbackStore();
        await using var services = Services(new EngineQueryService(Costs(1, null, (similar, 3_200m), (larger, 9_000m))), feedback);
        // One incident to its owner: on Slack and in the playground.
        Assert.Equal(2, await PublishAsync(services, RunDate));

        await ClickAsync(services, _playground.Sent.Single().Card, AnomalyFeedbackActions.Expected);
        _clock.SetUtcNow(new DateTimeOffset(similar.AddDays(1), new TimeOnly(7, 30), TimeSpan.Zero));
        var repeatSent = await PublishAsync(services, similar.AddDays(1));
        _clock.SetUtcNow(new DateTimeOffset(larger.AddDays(1), new TimeOnly(7, 30), TimeSpan.Zero));
        var largerSent = await PublishAsync(services, larger.AddDays(1));

        Assert.Equal(AnomalyFeedbackKind.Expected, Assert.Single(await feedback.ListAsync(null, CancellationToken.None)).Kind);
        Assert.Equal(0, repeatSent);
        Assert.Equal(2, largerSent);
        Assert.Equal("2026-12-18", _playground.Sent[^1].Card.Blocks.OfType<FactsBlock>().Single().Facts.Single(f => f.Label == "Period").Value);
    }

    [Fact]
    public async Task Publish_ServiceMuted_NoAlertForSevenDaysThenAlertsAgain()
    {
        var withinWeek = SpikeDay.AddDays(4);
        var afterWeek = SpikeDay.AddDays(11);
        var feedback = new InMemoryAnomalyFeedbackStore();
        await using var services = Services(new EngineQueryService(Costs(1, null, (withinWeek, 3_000m), (afterWeek, 3_000m))), feedback);
        // One incident to its owner: on Slack and in the playground.
        Assert.Equal(2, await PublishAsync(services, RunDate));

        // Muted on 21 November at 07:30: until 28 November at 07:30.
        await ClickAsync(services, _playground.Sent.Single().Card, AnomalyFeedbackActions.Mute);
        _clock.SetUtcNow(new DateTimeOffset(withinWeek.AddDays(1), new TimeOnly(7, 30), TimeSpan.Zero));
        var mutedSent = await PublishAsync(services, withinWeek.AddDays(1));
        _clock.SetUtcNow(new DateTimeOffset(afterWeek.AddDays(1), new TimeOnly(7, 30), TimeSpan.Zero));
        var afterSent = await PublishAsync(services, afterWeek.AddDays(1));

        var mute = Assert.Single(await feedback.ListAsync(null, CancellationToken.None));
        Assert.Equal(("payments", "EC2", new DateTimeOffset(2026, 11, 28, 7, 30, 0, TimeSpan.Zero)), (mute.Team, mute.Service, mute.MutedUntil));
        Assert.Equal(0, mutedSent);
        // After the mute: the payments / EC2 incident again (with, here, the same move seen on the payments account).
        Assert.True(afterSent >= 2, $"sent {afterSent}");
        Assert.Contains(_playground.Sent.Skip(1), s =>
            s.Card.Blocks.OfType<TitleBlock>().Single().Text.StartsWith("Cost anomaly: payments / EC2", StringComparison.Ordinal)
            && s.Card.Blocks.OfType<FactsBlock>().Single().Facts.Single(f => f.Label == "Period").Value == "2026-12-01");
    }

    [Fact]
    public async Task Publish_RepeatWithoutFeedback_SentAgain()
    {
        var similar = SpikeDay.AddDays(14);
        await using var services = Services(new EngineQueryService(Costs(1, null, (similar, 3_200m))), new InMemoryAnomalyFeedbackStore());

        // One incident to its owner: on Slack and in the playground.
        Assert.Equal(2, await PublishAsync(services, RunDate));
        _clock.SetUtcNow(new DateTimeOffset(similar.AddDays(1), new TimeOnly(7, 30), TimeSpan.Zero));
        Assert.Equal(2, await PublishAsync(services, similar.AddDays(1)));
    }

    /// <summary>The owner (Pat) clicks <paramref name="actionId"/> on <paramref name="card"/> as posted to them.</summary>
    private static async Task ClickAsync(ServiceProvider services, Card card, string actionId)
    {
        var button = card.Blocks.OfType<ActionsBlock>().Single().Actions.Single(a => a.ActionId == actionId);
        var handler = services.GetServices<ICardActionHandler>().Single(h => h.ActionPrefix == AnomalyFeedbackActions.Prefix);
        var answer = await handler.HandleAsync(
            new CardActionInvoked(actionId, button.Payload, new Dictionary<string, string>(), new ChatUser("slack", "U0PAT0001"), new ConversationAddress("slack", "C0PAYMENTS"), "m1"),
            CancellationToken.None);
        Assert.False(CardReply.IsPrivate(answer), answer.FallbackText);
    }

    [Fact]
    public void Compose_MultiDayDropWithTwelveCauses_TenCausesAndNegativeImpact()
    {
        var causes = Enumerable.Range(1, 12)
            .Select(i => new AnomalyRootCause([new("service", "S3"), new("resource", "bucket-" + i.ToString(CultureInfo.InvariantCulture))], -i, null))
            .ToList();
        var anomaly = new CostAnomaly(
            "an-0123456789ab", [new("team", "payments"), new("service", "S3")], new DateOnly(2026, 11, 18), new DateOnly(2026, 11, 21),
            new DateOnly(2026, 11, 19), true, "EUR", 600m, 1_200m, -600m, AnomalyDirection.Down, AnomalyKind.Point, causes);

        var card = AnomalyAlertCardComposer.Compose(anomaly, "Payments");

        Assert.Equal("Cost anomaly: payments / S3 is €600.00 (-50%) below expected", Assert.IsType<TitleBlock>(card.Blocks[0]).Text);
        var facts = card.Blocks.OfType<FactsBlock>().Single().Facts.ToDictionary(f => f.Label, f => f.Value);
        Assert.Equal("-€600.00 (-50%)", facts["Impact"]);
        Assert.Equal("2026-11-18 to 2026-11-20 (3 days)", facts["Period"]);
        Assert.Equal(10, card.Blocks.OfType<CostTableBlock>().Single().Rows.Count);
    }

    [Fact]
    public async Task Compose_AlertCard_PassesTheAdaptiveCardAndBlockKitOracles()
    {
        await using var services = Services();
        await PublishAsync(services, RunDate);
        var card = _playground.Sent.Single().Card;
        var formatter = MoneyFormatter.EnglishUnitedStates;

        var adaptive = new AdaptiveCardRenderer(formatter, NoChartImageUrlProvider.Instance).Render(card);
        var slack = new BlockKitRenderer(formatter, NoChartImageUrlProvider.Instance).Render(card);

        CardOracle.AssertValidAdaptiveCard(adaptive);
        CardOracle.AssertValidBlockKit(new JsonObject { ["text"] = slack.Text, ["blocks"] = slack.Blocks.DeepClone() });
    }

    [Fact]
    public async Task Publish_OngoingAnomalyOverSeveralRuns_OneCardPerRecipientUpdatedInPlaceOncePerDay()
    {
        _costs = new EngineQueryService(Costs(spikeDays: 3));
        await SubscribeAsync("payments", SubscriptionTopic.Anomalies, "C0PAYALERTS");
        await using var services = Services();

        Assert.Equal(3, await RunAsync(services, RunDate));
        Assert.Equal(0, await RunAsync(services, RunDate.AddDays(1)));
        Assert.Equal(0, await RunAsync(services, RunDate.AddDays(1)));
        Assert.Equal(0, await RunAsync(services, RunDate.AddDays(2)));

        var sent = AllSent();
        Assert.Equal(3, sent.Count);
        Assert.Single(sent.Select(s => s.Key.Split(':')[1]).Distinct());
        Assert.All(sent, s => Assert.StartsWith("**Day 1**, +$", Status(s.Card), StringComparison.Ordinal));
        foreach (var copy in Copies())
        {
            var updates = UpdatesOf(copy);
            Assert.Equal(2, updates.Count);
            Assert.Matches(@"^\*\*Day 2\*\*, \+\$[0-9,]+\.\d\d so far \(actual \$[0-9,.]+ vs expected \$[0-9,.]+\)\.$", Status(updates[0]));
            Assert.StartsWith("**Day 3**, +$", Status(updates[1]), StringComparison.Ordinal);
            Assert.StartsWith("Cost anomaly: payments / EC2 is $", Assert.IsType<TitleBlock>(updates[1].Blocks[0]).Text, StringComparison.Ordinal);
            Assert.Equal("2026-11-20 to 2026-11-22 (3 days)", Facts(updates[1])["Period"]);
        }

        // The impact so far grows with each day: about $3,000 a day above the expected ~$700.
        var impacts = UpdatesOf(Copies()[0]).Select(c => c.Blocks.OfType<KeyNumberBlock>().Single().Change!.Change.Amount).ToList();
        Assert.InRange(impacts[0], 5_000m, 7_000m);
        Assert.InRange(impacts[1], 8_000m, 10_000m);
    }

    [Fact]
    public async Task FeedbackClick_OngoingAlertWithThreeCopies_EveryCopyShowsItAndKeepsItThroughTheNextDay()
    {
        _costs = new EngineQueryService(Costs(spikeDays: 3));
        await SubscribeAsync("payments", SubscriptionTopic.Anomalies, "C0PAYALERTS");
        await using var services = Services();
        Assert.Equal(3, await RunAsync(services, RunDate));

        await ClickAsync(services, AllSent()[0].Card, AnomalyFeedbackActions.Investigating);

        // The click refreshes every posted copy, not only the clicked one.
        Assert.Equal(3, Copies().Count);
        foreach (var copy in Copies())
        {
            var update = Assert.Single(UpdatesOf(copy));
            Assert.Contains(update.Blocks.OfType<TextBlock>(), t => t.Markdown.Contains("Investigating: ", StringComparison.Ordinal));
            Assert.DoesNotContain(update.Blocks.OfType<ActionsBlock>().Single().Actions, a => a.ActionId == AnomalyFeedbackActions.Investigating);
        }

        // The next day's in-place update keeps the feedback next to "Day 2".
        Assert.Equal(0, await RunAsync(services, RunDate.AddDays(1)));
        foreach (var copy in Copies())
        {
            var updates = UpdatesOf(copy);
            Assert.Equal(2, updates.Count);
            var texts = updates[1].Blocks.OfType<TextBlock>().Select(t => t.Markdown).ToList();
            Assert.Contains(texts, t => t.StartsWith("**Day 2**", StringComparison.Ordinal));
            Assert.Contains(texts, t => t.Contains("Investigating: ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Publish_CostBackInTheBand_EveryCopyUpdatedOnceToResolved()
    {
        _costs = new EngineQueryService(Costs(spikeDays: 2));
        await SubscribeAsync("payments", SubscriptionTopic.Anomalies, "C0PAYALERTS");
        await using var services = Services();

        for (var run = RunDate; run <= RunDate.AddDays(4); run = run.AddDays(1))
        {
            await RunAsync(services, run);
        }

        Assert.Equal(3, AllSent().Count);
        foreach (var copy in Copies())
        {
            var updates = UpdatesOf(copy);
            Assert.Equal(2, updates.Count);
            Assert.StartsWith("**Day 2**", Status(updates[0]), StringComparison.Ordinal);
            var resolved = updates[1];
            Assert.Matches(
                @"^\*\*Resolved:\*\* back within the expected range since 2026-11-22, total impact \+\$[0-9,]+\.\d\d \(actual \$[0-9,.]+ vs expected \$[0-9,.]+\)\.$",
                Status(resolved));
            Assert.StartsWith("Resolved cost anomaly: payments / EC2 was $", Assert.IsType<TitleBlock>(resolved.Blocks[0]).Text, StringComparison.Ordinal);
            Assert.Contains("resolved.", resolved.Blocks.OfType<ContextBlock>().Single().Text, StringComparison.Ordinal);
        }

        var alert = Assert.Single(await services.GetRequiredService<IAnomalyAlertStore>().ListAsync(null, CancellationToken.None));
        Assert.Equal(AnomalyAlertStatus.Resolved, alert.Status);
        Assert.Equal(new DateOnly(2026, 11, 22), alert.ResolvedOn);
        Assert.Equal(new DateOnly(2026, 11, 21), alert.LastDay);
    }

    [Fact]
    public async Task Publish_RestartBetweenRuns_SQLiteStateSendsOnceAndUpdatesOncePerChange()
    {
        _costs = new EngineQueryService(Costs(spikeDays: 2));
        await SubscribeAsync("payments", SubscriptionTopic.Anomalies, "C0PAYALERTS");

        await using (var first = Services())
        {
            Assert.Equal(3, await RunAsync(first, RunDate));
            Assert.Equal(0, await RunAsync(first, RunDate.AddDays(1)));
        }

        // A new process over the same database and queue files: nothing is sent again, nothing updated twice.
        await using (var second = Services())
        {
            Assert.Equal(0, await RunAsync(second, RunDate.AddDays(1)));
            Assert.Equal(0, await RunAsync(second, RunDate.AddDays(2)));
            Assert.Equal(0, await RunAsync(second, RunDate.AddDays(2)));
            Assert.Equal(0, await RunAsync(second, RunDate.AddDays(3)));
        }

        Assert.Equal(3, AllSent().Count);
        Assert.Equal(3, Copies().Count);
        foreach (var copy in Copies())
        {
            Assert.Equal(["**Day 2**", "**Resolved:**"], UpdatesOf(copy).Select(c => Status(c).Split(',')[0].Split(" back")[0]));
        }
    }

    [Fact]
    public async Task Publish_IncidentLongerThanTheReplayedDays_SameAlertFollowedToItsEnd()
    {
        // Two replayed run dates only: the open alert itself makes the replay start where its first run started.
        _costs = new EngineQueryService(Costs(spikeDays: 5));
        await using var services = Services(replayDays: 2);

        for (var run = RunDate; run <= RunDate.AddDays(5); run = run.AddDays(1))
        {
            await RunAsync(services, run);
        }

        var sent = Assert.Single(_playground.Sent);
        Assert.Single(_slack.Sent);
        Assert.Equal(
            ["**Day 2**", "**Day 3**", "**Day 4**", "**Day 5**", "**Resolved:**"],
            _playground.Updated.Select(u => Status(u.Card).Split(',')[0].Split(" back")[0]));
        var alert = Assert.Single(await services.GetRequiredService<IAnomalyAlertStore>().ListAsync(null, CancellationToken.None));
        Assert.Equal(sent.Key.Split(':')[1], alert.Id);
        Assert.Equal(new DateOnly(2026, 11, 25), alert.ResolvedOn);
    }

    [Fact]
    public async Task Publish_UpdateFailed_RetriedOnNextRunOnlyForThatCopy()
    {
        _costs = new EngineQueryService(Costs(spikeDays: 3));
        await SubscribeAsync("payments", SubscriptionTopic.Anomalies, "C0PAYALERTS");
        await using var services = Services();
        await RunAsync(services, RunDate);
        _slack.UpdateFailuresLeft = 1;

        await RunAsync(services, RunDate.AddDays(1));
        Assert.Single(_slack.Updated);
        Assert.Single(_playground.Updated);

        await RunAsync(services, RunDate.AddDays(1));

        Assert.Equal(2, _slack.Updated.Count);
        Assert.Equal(2, _slack.Updated.Select(u => u.Message.MessageId).Distinct().Count());
        Assert.Single(_playground.Updated);
        Assert.All(_slack.Updated, u => Assert.StartsWith("**Day 2**", Status(u.Card), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Publish_NewIncidentOfTheSameSeriesAfterResolution_NewAlert()
    {
        // Not exactly a week later: the account-level check compares week on week, and would see no move of the team then.
        var second = SpikeDay.AddDays(9);
        _costs = new EngineQueryService(Costs(spikeDays: 1, secondSpike: second));
        await using var services = Services();

        // Each incident goes to the owner in the playground and by Slack.
        Assert.Equal(2, await RunAsync(services, RunDate));
        Assert.Equal(0, await RunAsync(services, RunDate.AddDays(1)));
        Assert.Equal(2, await RunAsync(services, second.AddDays(1)));

        Assert.Equal(2, _playground.Sent.Select(s => s.Key).Distinct(StringComparer.Ordinal).Count());
        Assert.All(_playground.Sent, s => Assert.StartsWith("Cost anomaly: payments / EC2 is $", Assert.IsType<TitleBlock>(s.Card.Blocks[0]).Text, StringComparison.Ordinal));
        var resolvedFirst = Assert.Single(_playground.Updated);
        Assert.Equal("m1", resolvedFirst.Message.MessageId);
        Assert.StartsWith("**Resolved:** back within the expected range since 2026-11-21", Status(resolvedFirst.Card), StringComparison.Ordinal);
        var alerts = await services.GetRequiredService<IAnomalyAlertStore>().ListAsync(null, CancellationToken.None);
        Assert.Equal([AnomalyAlertStatus.Resolved, AnomalyAlertStatus.Open], alerts.Select(a => a.Status));
    }

    [Fact]
    public async Task RefreshAsync_AnIncident_EveryCopyUpdatedToItsCurrentState()
    {
        await SubscribeAsync("payments", SubscriptionTopic.Anomalies, "C0PAYALERTS");
        await using var services = Services();
        await RunAsync(services, RunDate);
        var id = AllSent()[0].Key.Split(':')[1];

        var updated = await services.GetRequiredService<IAnomalyCardUpdater>().RefreshAsync(id, CancellationToken.None);

        Assert.Equal(3, updated);
        Assert.Equal(3, _slack.Updated.Count + _playground.Updated.Count);
        Assert.All(_slack.Updated.Concat(_playground.Updated), u => Assert.StartsWith("**Day 1**", Status(u.Card), StringComparison.Ordinal));
        Assert.Equal(0, await services.GetRequiredService<IAnomalyCardUpdater>().RefreshAsync("an-unknown", CancellationToken.None));
    }

    [Fact]
    public async Task Publish_Card_ChartOfActualAsALineOverTheExpectedBand()
    {
        await using var services = Services();

        await RunAsync(services, RunDate);

        var chart = Assert.Single(_playground.Sent.Single().Card.Blocks.OfType<ChartBlock>());
        var spec = chart.Spec;
        Assert.Equal(ChartStyle.Line, spec.Style);
        Assert.Equal(AnomalyReplay.ChartDays, spec.Bars.Count);
        Assert.Equal("Nov 20", spec.Bars[^1].Label);
        Assert.Equal(3_700m + (SpikeDay.DayNumber % 5 * 10m), spec.Bars[^1].Value);
        var band = Assert.IsType<ChartBand>(spec.Band);
        Assert.Equal(spec.Bars.Count, band.Lower.Count);
        Assert.Equal(spec.Bars.Count, band.Upper.Count);
        Assert.Equal(spec.Bars.Count, spec.ComparisonLine!.Count);
        for (var i = 0; i < spec.Bars.Count; i++)
        {
            Assert.True(band.Lower[i] <= spec.ComparisonLine[i] && spec.ComparisonLine[i] <= band.Upper[i], $"day {i}: {band.Lower[i]} {spec.ComparisonLine[i]} {band.Upper[i]}");
        }

        // Before the spike the cost stays within the band; the spike day is far above it.
        Assert.All(Enumerable.Range(0, spec.Bars.Count - 1), i => Assert.InRange(spec.Bars[i].Value, band.Lower[i], band.Upper[i]));
        Assert.True(spec.Bars[^1].Value > band.Upper[^1] * 3);
        Assert.Contains("1 of 28 days outside it", chart.AltText, StringComparison.Ordinal);

        var renderer = new ChartRenderer(MoneyFormatter.EnglishUnitedStates);
        var withBand = renderer.RenderPng(spec);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, withBand[..4]);
        Assert.NotEqual(withBand, renderer.RenderPng(spec with { Band = null }));
    }

    [Fact]
    public async Task Compose_UpdatedAndResolvedCardsWithChartImages_PassTheAdaptiveCardAndBlockKitOracles()
    {
        _costs = new EngineQueryService(Costs(spikeDays: 2));
        await using var services = Services();
        for (var run = RunDate; run <= RunDate.AddDays(2); run = run.AddDays(1))
        {
            await RunAsync(services, run);
        }

        var formatter = MoneyFormatter.EnglishUnitedStates;
        var cards = _playground.Sent.Select(s => s.Card).Concat(_playground.Updated.Select(u => u.Card)).ToList();
        Assert.Equal(3, cards.Count);
        Assert.StartsWith("**Resolved:**", Status(cards[^1]), StringComparison.Ordinal);
        foreach (var card in cards)
        {
            var adaptive = new AdaptiveCardRenderer(formatter, new FixedChartUrl()).Render(card);
            var inline = new AdaptiveCardRenderer(formatter, new DataUriChartImageUrlProvider(new ChartRenderer(formatter))).Render(card);
            var slack = new BlockKitRenderer(formatter, new FixedChartUrl()).Render(card);

            Assert.Contains("\"https://charts.example/c.png\"", adaptive.ToJsonString(), StringComparison.Ordinal);
            Assert.Contains("Expected range on ", inline.ToJsonString(), StringComparison.Ordinal);
            CardOracle.AssertValidAdaptiveCard(inline);
            Assert.Contains(slack.Blocks.AsArray(), b => (string?)b!["type"] == "image");
            CardOracle.AssertValidAdaptiveCard(adaptive);
            CardOracle.AssertValidBlockKit(new JsonObject { ["text"] = slack.Text, ["blocks"] = slack.Blocks.DeepClone() });
        }
    }

    [Fact]
    public void Compose_OpenOnDayThreeThenResolved_StatusLineTitleAndFallback()
    {
        var anomaly = new CostAnomaly(
            "an-0123456789ab", [new("team", "payments"), new("service", "EC2")], new DateOnly(2026, 11, 18), new DateOnly(2026, 11, 21),
            new DateOnly(2026, 11, 19), true, "USD", 3_400m, 2_160m, 1_240m, AnomalyDirection.Up, AnomalyKind.Point, []);

        var open = AnomalyAlertCardComposer.Compose(anomaly, "Payments", new AnomalyCardState(AnomalyAlertStatus.Open, 3, null));
        var resolved = AnomalyAlertCardComposer.Compose(
            anomaly with { IsOpen = false }, "Payments", new AnomalyCardState(AnomalyAlertStatus.Resolved, 3, new DateOnly(2026, 11, 21)));

        Assert.Equal("Cost anomaly: payments / EC2 is $1,240.00 (+57%) above expected", Assert.IsType<TitleBlock>(open.Blocks[0]).Text);
        Assert.Equal("**Day 3**, +$1,240.00 so far (actual $3,400.00 vs expected $2,160.00).", Status(open));
        Assert.Equal("Resolved cost anomaly: payments / EC2 was $1,240.00 (+57%) above expected", Assert.IsType<TitleBlock>(resolved.Blocks[0]).Text);
        Assert.Equal(
            "**Resolved:** back within the expected range since 2026-11-21, total impact +$1,240.00 (actual $3,400.00 vs expected $2,160.00).",
            Status(resolved));
        Assert.Contains("Resolved: back within the expected range since 2026-11-21", resolved.FallbackText, StringComparison.Ordinal);
        // Without a state (and without chart days) the card is the one composed before alerts were followed.
        Assert.Empty(AnomalyAlertCardComposer.Compose(anomaly, "Payments").Blocks.OfType<TextBlock>());
        Assert.Empty(open.Blocks.OfType<ChartBlock>());
    }

    [Fact]
    public void OwningTeam_AccountIncident_TeamWithLargestRootCauseImpact()
    {
        var anomaly = new CostAnomaly(
            "an-1", [new("account", "acct-shared")], SpikeDay, RunDate, RunDate, true, "USD", 5_000m, 1_000m, 4_000m, AnomalyDirection.Up, AnomalyKind.Point,
            [
                new([new("team", "ledger"), new("resource", "r1")], 1_500m, null),
                new([new("team", "payments"), new("resource", "r2")], 1_200m, null),
                new([new("team", "payments"), new("resource", "r3")], 1_000m, null),
            ]);

        Assert.Equal("payments", AnomalyAlertPublisher.OwningTeam(anomaly));
    }

    [Fact]
    public void AddAnomalyAlerts_WithBudgetAlertsAndDigests_OneQuartzHostedServiceAndValidOptions()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddScheduling(configuration);
        services.AddBudgetAlerts(configuration);
        services.AddAnomalyAlerts(configuration);

        Assert.Single(services, d => d.ServiceType == typeof(Microsoft.Extensions.Hosting.IHostedService)
            && d.ImplementationType?.Name == "QuartzHostedService");
        using var provider = services.BuildServiceProvider();
        Assert.Equal(35, provider.GetRequiredService<IOptions<AnomalyAlertOptions>>().Value.ReplayDays);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AddStorage_WithConversationInEitherOrder_DurableAnomalyAlertStore(bool storageFirst)
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DatabasePath"] = Path.Combine(_folder, "order.db") })
            .Build();
        services.AddSingleton<IConfiguration>(configuration);
        if (storageFirst)
        {
            services.AddStorage(configuration);
        }

        services.AddConversation(configuration);
        services.AddAnomalyAlerts(configuration);
        if (!storageFirst)
        {
            services.AddStorage(configuration);
        }

        using var provider = services.BuildServiceProvider();

        Assert.IsType<SqliteAnomalyAlertStore>(provider.GetRequiredService<IAnomalyAlertStore>());
        Assert.IsType<AnomalyCardUpdater>(provider.GetRequiredService<IAnomalyCardUpdater>());
    }

    [Fact]
    public void Validate_BadCron_NamesTheSetting()
    {
        var result = new AnomalyAlertOptionsValidator().Validate(null, new AnomalyAlertOptions { DailyCron = "every morning" });

        Assert.True(result.Failed);
        Assert.Contains("AnomalyAlerts:DailyCron", result.FailureMessage, StringComparison.Ordinal);
    }

    private Task SubscribeAsync(string team, SubscriptionTopic topic, string channelId) =>
        _subscriptions.SubscribeAsync(
            new ChannelSubscription(team, topic, "slack", channelId, "T0", "pat@corp.example", _clock.GetUtcNow()),
            new SubscriptionChange(team, topic, "subscribe", "slack", channelId, "T0", "pat@corp.example", _clock.GetUtcNow()),
            default);

    private static DataCoverage Coverage(DateTimeOffset importedAt) =>
        new(new DateRange(new DateOnly(2026, 8, 1), SpikeDay.AddDays(1)), importedAt, ["USD"]);

    private async Task ExecuteAsync(ServiceProvider services, ImportWatermark<AnomalyAlertJob> watermark, bool daily)
    {
        using var scope = services.CreateScope();
        var data = new JobDataMap();
        if (!daily)
        {
            data[AnomalyAlertJob.ModeKey] = AnomalyAlertJob.ImportsMode;
        }

        var context = new Mock<IJobExecutionContext>();
        context.Setup(c => c.MergedJobDataMap).Returns(data);
        var job = new AnomalyAlertJob(scope.ServiceProvider.GetRequiredService<AnomalyAlertPublisher>(), _costs, watermark);
        await job.Execute(context.Object, CancellationToken.None);
    }

    private List<(string Key, ConversationAddress Address, Card Card)> AllSent() => [.. _playground.Sent.Concat(_slack.Sent)];

    /// <summary>Every posted copy as (channel, message id): the recording senders number their messages m1, m2, ...</summary>
    private List<(string Channel, string MessageId)> Copies() =>
        [.. _playground.Sent.Select((_, i) => ("playground", "m" + (i + 1).ToString(CultureInfo.InvariantCulture)))
            .Concat(_slack.Sent.Select((_, i) => ("slack", "m" + (i + 1).ToString(CultureInfo.InvariantCulture))))];

    private List<Card> UpdatesOf((string Channel, string MessageId) copy) =>
        [.. (copy.Channel == "slack" ? _slack : _playground).Updated.Where(u => u.Message.MessageId == copy.MessageId).Select(u => u.Card)];

    private static string Status(Card card) => card.Blocks.OfType<TextBlock>().Single().Markdown;

    private static Dictionary<string, string> Facts(Card card) => card.Blocks.OfType<FactsBlock>().Single().Facts.ToDictionary(f => f.Label, f => f.Value);

    /// <summary>One run of the job on <paramref name="runDate"/>, with the clock on that morning.</summary>
    private async Task<int> RunAsync(ServiceProvider services, DateOnly runDate)
    {
        _clock.SetUtcNow(new DateTimeOffset(runDate.ToDateTime(new TimeOnly(7, 30)), TimeSpan.Zero));
        return await PublishAsync(services, runDate);
    }

    private static async Task<int> PublishAsync(ServiceProvider services, DateOnly runDate)
    {
        using var scope = services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AnomalyAlertPublisher>().PublishAsync(runDate, CancellationToken.None);
    }

    private ServiceProvider Services(ICostQueryService? costs = null, IAnomalyFeedbackStore? feedback = null, int? replayDays = null)
    {
        var services = new ServiceCollection();
        var settings = new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = "xoxb-test",
            ["Digests:Enabled"] = "false",
            ["Budgets:AlertsEnabled"] = "false",
            ["AnomalyAlerts:Enabled"] = "false",
        };
        if (replayDays is { } days)
        {
            settings["AnomalyAlerts:ReplayDays"] = days.ToString(CultureInfo.InvariantCulture);
            settings["AnomalyAlerts:CatchUpDays"] = "1";
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var storage = Options.Create(new StorageOptions { DatabasePath = Path.Combine(_folder, "finops.db") });
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton(sp => new QueueDatabase(storage, _clock));
        services.AddSingleton<IIdempotencyStore>(sp => new EfIdempotencyStore(sp.GetRequiredService<QueueDatabase>(), _clock));
        services.AddSingleton(sp => new CostDatabase(storage));
        services.AddSingleton<IAnomalyAlertStore, SqliteAnomalyAlertStore>();
        services.AddSingleton<ICostQueryService>(costs ?? _costs);
        if (feedback is not null)
        {
            services.AddSingleton(feedback);
        }

        services.AddSingleton(new AllocationRuleSource(AllocationRulesParser.Parse(CompanyRules, "allocation.yaml")));
        services.AddSingleton<ISubscriptionStore>(_subscriptions);
        services.AddSingleton<IConversationReferenceStore>(new InMemoryConversationReferenceStore());
        services.AddSingleton<IProactiveSender>(_playground);
        services.AddSingleton<IProactiveSender>(_slack);
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.SectionName);
        services.AddOptions<AnomalyOptions>().BindConfiguration(AnomalyOptions.SectionName);
        services.AddConversation(configuration);
        services.AddAnomalyAlerts(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>
    /// From August to December: payments EC2 about $700 a day and RDS about $300, ledger EC2 about $400 (small deterministic wobble);
    /// from <see cref="SpikeDay"/> a new payments EC2 resource costs $3,000 a day for <paramref name="spikeDays"/> days
    /// (and again for one day on <paramref name="secondSpike"/>), and on each of the <paramref name="repeats"/> days the given cost.
    /// </summary>
    private static CostQueryEngine Costs(int spikeDays = 1, DateOnly? secondSpike = null, params (DateOnly Day, decimal Cost)[] repeats)
    {
        var b = new CostCubeBuilder();
        for (var day = new DateOnly(2026, 8, 1); day < new DateOnly(2027, 1, 1); day = day.AddDays(1))
        {
            var wobble = day.DayNumber % 5 * 10m;
            Fact(b, day, "payments", "EC2", "r-payments-EC2", 700m + wobble);
            Fact(b, day, "payments", "RDS", "r-payments-RDS", 300m - wobble);
            Fact(b, day, "ledger", "EC2", "r-ledger-EC2", 400m + wobble);
            if ((day >= SpikeDay && day < SpikeDay.AddDays(spikeDays)) || day == secondSpike)
            {
                Fact(b, day, "payments", "EC2", "r-payments-batch", 3_000m);
            }

            foreach (var (_, cost) in repeats.Where(r => r.Day == day))
            {
                Fact(b, day, "payments", "EC2", "r-payments-batch", cost);
            }
        }

        return new CostQueryEngine(b.Build(), new TagTeamAssignment());
    }

    private static void Fact(CostCubeBuilder b, DateOnly day, string team, string service, string resource, decimal cost) =>
        b.Add(new CostCubeFact(
            day,
            b.AddCurrency("USD"),
            b.AddTagSet(new Dictionary<string, string> { ["team"] = team }),
            b.AddValue(DimensionKind.Provider, "AWS"),
            b.AddValue(DimensionKind.Service, service),
            b.AddValue(DimensionKind.Category, "Compute"),
            b.AddValue(DimensionKind.Region, "us-east-1"),
            b.AddValue(DimensionKind.Account, "acct-" + team),
            b.AddValue(DimensionKind.BillingAccount, "billing"),
            b.AddValue(DimensionKind.Resource, resource),
            b.AddValue(DimensionKind.ChargeCategory, "Usage"),
            b.AddValue(DimensionKind.PricingCategory, "Standard"),
            cost,
            cost,
            cost,
            cost));

    private sealed class RecordingSender(string channel) : IProactiveSender
    {
        public List<(string Key, ConversationAddress Address, Card Card)> Sent { get; } = [];

        public int FailuresLeft { get; set; }

        public string Channel => channel;

        public Task<SentMessage> SendAsync(ConversationAddress conversation, Card card, string idempotencyKey, CancellationToken cancellationToken)
        {
            if (FailuresLeft > 0)
            {
                FailuresLeft--;
                throw new HttpRequestException("platform down");
            }

            Sent.Add((idempotencyKey, conversation, card));
            return Task.FromResult(new SentMessage(conversation, "m" + Sent.Count.ToString(CultureInfo.InvariantCulture)));
        }

        public List<(SentMessage Message, Card Card)> Updated { get; } = [];

        public int UpdateFailuresLeft { get; set; }

        public Task UpdateAsync(SentMessage message, Card card, CancellationToken cancellationToken)
        {
            if (UpdateFailuresLeft > 0)
            {
                UpdateFailuresLeft--;
                throw new HttpRequestException("platform down");
            }

            Updated.Add((message, card));
            return Task.CompletedTask;
        }
    }

    private sealed class FixedChartUrl : IChartImageUrlProvider
    {
        public Uri? GetImageUrl(ChartSpec spec) => new("https://charts.example/c.png");
    }

    private sealed class EngineQueryService(CostQueryEngine engine) : ICostQueryService
    {
        public Task<CostQueryResult> QueryAsync(CostQuery query, CancellationToken cancellationToken) => Task.FromResult(engine.Execute(query));

        public Task<IReadOnlyList<string>> GetDimensionValuesAsync(Dimension dimension, CancellationToken cancellationToken) =>
            Task.FromResult(engine.DimensionValues(dimension));

        public DataCoverage? Coverage { get; set; }

        public Task<DataCoverage?> GetCoverageAsync(CancellationToken cancellationToken) => Task.FromResult(Coverage);
    }
}
