using FinOps.Conversation.Anomalies;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Questions;
using FinOps.Conversation.Tests.Questions;
using FinOps.Conversation.Visibility;
using FinOps.Core.Anomalies;
using FinOps.Core.Calendar;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Conversation.Tests.Anomalies;

/// <summary>Anomaly questions on data with a planted anomaly and on quiet data, answered by the alerts' own detector.</summary>
public sealed class AnomalyQuestionCommandTests
{
    private const string S3 = "Amazon Simple Storage Service";

    // Wednesday 9 December 2026, data through Tuesday 8 December: the latest day judged is 8 December.
    private static readonly DateOnly FirstDay = new(2026, 8, 1);
    private static readonly DateOnly SpikeStart = new(2026, 12, 6);
    private static readonly DateOnly LastDay = new(2026, 12, 8);

    [Theory]
    [InlineData("any anomalies this week?")]
    [InlineData("anomalies last week")]
    [InlineData("any cost spikes today?")]
    public async Task AnswerAsync_ListQuestion_PlantedSpike_ListsTheIncidentWithImpact(string text)
    {
        var card = await AskAsync(Planted(900m), text);

        Assert.Equal(AnomalyQuestionCommand.CardKind, card.Kind);
        Assert.Contains("1 cost anomaly", card.FallbackText, StringComparison.Ordinal);
        Assert.Contains($"Payments / {S3}", card.FallbackText, StringComparison.Ordinal);
        Assert.Contains("open since Sun 6 Dec 2026", card.FallbackText, StringComparison.Ordinal);
        // Three days of +$900 each against the expected cost.
        Assert.Contains("+$2,700.00", card.FallbackText, StringComparison.Ordinal);
        Assert.Contains("bucket-logs", card.FallbackText, StringComparison.Ordinal);
        Assert.DoesNotContain("Search", card.FallbackText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("any anomalies this week?")]
    [InlineData("anomalies last week")]
    [InlineData("any cost spikes today?")]
    public async Task AnswerAsync_ListQuestion_QuietData_SaysNone(string text)
    {
        var card = await AskAsync(Planted(0m), text);

        Assert.Equal(AnomalyQuestionCommand.CardKind, card.Kind);
        Assert.StartsWith("No cost anomalies", card.FallbackText.Split(". ").Last(s => s.Contains("anomal", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.DoesNotContain("open since", card.FallbackText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_Today_NotJudgedYet_SaysLatestJudgedDay()
    {
        var card = await AskAsync(Planted(900m), "any cost spikes today?");

        Assert.StartsWith("A day is judged the morning after it", card.FallbackText, StringComparison.Ordinal);
        Assert.Contains("Tue 8 Dec 2026", card.FallbackText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_LastWeek_SpikeStartedOnItsLastDay_PeriodNamed()
    {
        var card = await AskAsync(Planted(900m), "anomalies last week");

        Assert.Contains("last week (30 Nov to Sun 6 Dec 2026)", card.FallbackText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_OpenForPayments_PlantedSpike_ListsItOpen()
    {
        var card = await AskAsync(Planted(900m), "open anomalies for payments");

        Assert.StartsWith("1 cost anomaly still open for Payments as of Tue 8 Dec 2026", card.FallbackText, StringComparison.Ordinal);
        Assert.Contains($"Payments / {S3}", card.FallbackText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_OpenForOtherTeam_PlantedSpikeElsewhere_SaysNone()
    {
        var card = await AskAsync(Planted(900m), "open anomalies for search");

        Assert.StartsWith("No open cost anomalies for Search", card.FallbackText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_OpenForPayments_QuietData_SaysNone()
    {
        var card = await AskAsync(Planted(0m), "open anomalies for payments");

        Assert.StartsWith("No open cost anomalies for Payments", card.FallbackText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_WhyStorageSpiked_Flagged_ImpactActualExpectedAndNewRootCause()
    {
        var card = await AskAsync(Planted(900m), "why did storage spike yesterday?");

        Assert.StartsWith("The anomaly detector flagged Payments / " + S3 + " on Tue 8 Dec 2026: $3,000.00 against $300.00 expected", card.FallbackText, StringComparison.Ordinal);
        Assert.Contains("Root causes: bucket-logs, account prod, region us-east-1 (new since Sun 6 Dec 2026) +$2,700.00", card.FallbackText, StringComparison.Ordinal);
        var facts = Assert.Single(card.Blocks.OfType<FactsBlock>()).Facts.ToDictionary(f => f.Label, f => f.Value);
        Assert.StartsWith("+$2,700.00", facts["Impact"], StringComparison.Ordinal);
        Assert.Equal("$3,000.00", facts["Actual"]);
        Assert.Equal("$300.00", facts["Expected"]);
        var causes = Assert.Single(card.Blocks.OfType<CostTableBlock>());
        var top = causes.Rows[0];
        Assert.Equal("bucket-logs, account prod, region us-east-1 (new since Sun 6 Dec 2026)", top.Label);
        Assert.Equal(2_700m, top.Amount.Amount);
    }

    [Fact]
    public async Task AnswerAsync_WhyStorageSpiked_QuietData_SaysNotFlaggedWithActualAndExpected()
    {
        var card = await AskAsync(Planted(0m), "why did storage spike yesterday?");

        Assert.StartsWith("No anomaly: the detector did not flag Storage on Tue 8 Dec 2026. It cost $100.00 against an expected $100.00", card.FallbackText, StringComparison.Ordinal);
        Assert.DoesNotContain("flagged Payments", card.FallbackText, StringComparison.Ordinal);
        Assert.Empty(card.Blocks.OfType<FactsBlock>());
    }

    [Fact]
    public async Task AnswerAsync_WhyStorageSpiked_RiseBelowAlertThresholds_NotAnAnomalyButBiggestChangeNamed()
    {
        // +$100 a day doubles storage but stays under the $150 minimum: the alerts stay silent, and so does the answer.
        var card = await AskAsync(Planted(100m), "why did storage spike yesterday?");

        Assert.StartsWith("No anomaly: the detector did not flag Storage on Tue 8 Dec 2026. It cost $200.00 against an expected $100.00: +$100.00 (+100%)", card.FallbackText, StringComparison.Ordinal);
        var changes = Assert.Single(card.Blocks.OfType<CostTableBlock>());
        Assert.Equal($"bucket-logs ({S3})", changes.Rows[0].Label);
        Assert.Equal(100m, changes.Rows[0].Change!.Change.Amount);
        Assert.Contains("bucket-logs", card.FallbackText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_OwnTeamsViewer_AnotherTeamNamed_Refused()
    {
        using (ViewerScope.Enter(new ViewerScope(["search"], "Answers here are limited to your own teams (search).")))
        {
            var refused = await Assert.ThrowsAsync<HiddenTeamsException>(() => AskAsync(Planted(900m), "open anomalies for payments"));
            Assert.Equal(["payments"], refused.HiddenTeams);
        }
    }

    [Fact]
    public async Task AnswerAsync_OwnTeamsViewer_OtherTeamsAnomalyHiddenAndNoted()
    {
        var scope = new ViewerScope(["search"], "Answers here are limited to your own teams (search).");
        Card card;
        using (ViewerScope.Enter(scope))
        {
            card = await AskAsync(Planted(900m), "any anomalies this week?");
        }

        Assert.StartsWith("No cost anomalies", card.FallbackText, StringComparison.Ordinal);
        Assert.DoesNotContain("Payments", card.FallbackText, StringComparison.Ordinal);
        Assert.True(scope.Narrowed);
    }

    [Fact]
    public async Task AnswerAsync_OwnTeamsViewer_OwnTeamsAnomalyShown()
    {
        using (ViewerScope.Enter(new ViewerScope(["payments"], "Answers here are limited to your own teams (payments).")))
        {
            var card = await AskAsync(Planted(900m), "open anomalies for payments");

            Assert.StartsWith("1 cost anomaly still open for Payments", card.FallbackText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AnswerAsync_SameIncidentsAsTheAlertReplay()
    {
        var costs = Planted(900m);
        var clock = Clock();
        var snapshot = await new AnomalyQueryService(costs, new AnomalyOptions(), clock).CurrentAsync(CancellationToken.None);
        var alerts = await new AnomalyDetectionService(costs, new AnomalyOptions())
            .ReplayAsync(LastDay.AddDays(1 - AnomalyQueryService.DefaultReplayDays + 1), LastDay.AddDays(2), all: false, CancellationToken.None);

        Assert.NotNull(snapshot);
        Assert.Equal(LastDay.AddDays(1), snapshot.RunDate);
        var incident = Assert.Single(snapshot.Anomalies);
        Assert.Equal(alerts.Select(a => a.Id), snapshot.Anomalies.Select(a => a.Id));
        Assert.True(incident.IsOpen);
    }

    [Theory]
    [InlineData("any anomalies this week?", AnomalyQuestionShape.List)]
    [InlineData("anomalies last week", AnomalyQuestionShape.List)]
    [InlineData("any cost spikes today?", AnomalyQuestionShape.List)]
    [InlineData("open anomalies for payments", AnomalyQuestionShape.Open)]
    [InlineData("why did storage spike yesterday?", AnomalyQuestionShape.Why)]
    [InlineData("Why did EC2 costs spike on Monday", AnomalyQuestionShape.Why)]
    public void TryParse_AnomalyQuestion_Shape(string text, AnomalyQuestionShape shape)
    {
        Assert.True(AnomalyQuestion.TryParse(text, out var question));
        Assert.Equal(shape, question.Shape);
    }

    [Theory]
    [InlineData("subscribe this channel to payments anomaly alerts")]
    [InlineData("unsubscribe this channel from payments anomalies")]
    [InlineData("how much did payments spend last week")]
    [InlineData("why did storage change last week?")]
    [InlineData("")]
    public void TryParse_NotAnAnomalyQuestion_False(string text)
    {
        Assert.False(AnomalyQuestion.TryParse(text, out _));
    }

    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 12, 9, 8, 0, 0, TimeSpan.Zero));

    private static async Task<Card> AskAsync(EngineCostQueryService costs, string text)
    {
        var clock = Clock();
        var command = new AnomalyQuestionCommand(
            new ValueCatalogProvider(costs, CostCalendar.Default, clock, Options.Create(new ConversationOptions())),
            new AnomalyQueryService(costs, new AnomalyOptions(), clock),
            costs,
            clock);
        Assert.True(AnomalyQuestion.TryParse(text, out var question), text);
        return await command.AnswerAsync(question, CancellationToken.None);
    }

    /// <summary>
    /// Payments (EC2 and S3) and search (EC2) with a weekly pattern; <paramref name="extra"/> a day of new S3 cost (bucket-logs)
    /// on payments from 6 December on (0: quiet data).
    /// </summary>
    internal static EngineCostQueryService Planted(decimal extra)
    {
        var costs = new EngineCostQueryService();
        for (var day = FirstDay; day <= LastDay; day = day.AddDays(1))
        {
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            costs.Add(day, weekend ? 250m : 400m, "payments", resource: "i-payments");
            costs.Add(day, 100m, "payments", service: S3, resource: "bucket-main", category: "Storage");
            costs.Add(day, weekend ? 200m : 300m, "search", resource: "i-search", account: "search-prod");
            if (extra != 0 && day >= SpikeStart)
            {
                costs.Add(day, extra, "payments", service: S3, resource: "bucket-logs", category: "Storage");
            }
        }

        return costs;
    }
}
