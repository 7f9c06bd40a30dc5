using System.Text.Json.Nodes;
using FinOps.Conversation.Anomalies;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Charts;
using FinOps.Conversation.Digests;
using FinOps.Conversation.Questions;
using FinOps.Conversation.Rendering;
using FinOps.Core.Anomalies;
using FinOps.Core.Calendar;
using FinOps.Core.Digests;
using FinOps.Core.Tests.Anomalies;
using FinOps.Slack.BlockKit;
using FinOps.Teams.Cards;
using FinOps.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Bot.Tests;

/// <summary>The anomaly answers (each question shape, flagged and quiet) and the digest with open anomalies pass Microsoft's and Slack's own libraries.</summary>
public sealed class AnomalyAnswerCardsOracleTests : IDisposable
{
    private static readonly string[] Questions =
    [
        "any anomalies this week?",
        "anomalies last week",
        "any cost spikes today?",
        "open anomalies for payments",
        "why did storage spike yesterday?",
        "why did S3 spike yesterday?",
    ];

    // Wednesday 9 December 2026, data through the 8th.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 9, 8, 0, 0, TimeSpan.Zero));
    private readonly string _directory = Directory.CreateTempSubdirectory("finops-anomaly-cards-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task AnomalyAnswersAndDigest_PlantedAndQuietData_PassTheAdaptiveCardAndBlockKitOracles()
    {
        var cards = new List<Card>();
        foreach (var (extra, searchDrop) in new[] { (900m, true), (100m, false), (0m, false) })
        {
            var costs = new PlantedAnomalyCosts(extra, searchDrop);
            var anomalies = new AnomalyQueryService(costs, new AnomalyOptions(), _clock);
            var command = new AnomalyQuestionCommand(
                new ValueCatalogProvider(costs, CostCalendar.Default, _clock, Options.Create(new ConversationOptions())), anomalies, costs, _clock);
            foreach (var text in Questions)
            {
                Assert.True(AnomalyQuestion.TryParse(text, out var question), text);
                cards.Add(await command.AnswerAsync(question, CancellationToken.None));
            }

            var digest = await new WeeklyDigestBuilder(costs, _clock, anomalies: anomalies).BuildAsync("payments", "Payments", CancellationToken.None);
            cards.Add(new DigestCardComposer().Compose(digest));
        }

        // The planted data really produced the anomaly sections the oracles are meant to check.
        Assert.Contains(cards, c => c.Kind == AnomalyQuestionCommand.CardKind && c.Blocks.OfType<FactsBlock>().Any());
        Assert.Contains(cards, c => c.Kind == AnomalyQuestionCommand.CardKind && c.Blocks.OfType<KeyNumberBlock>().Any());
        Assert.Contains(cards, c => c.Kind == DigestCardComposer.CardKind && c.Blocks.OfType<CostTableBlock>().Any(t => t.LabelHeader.StartsWith("Open anomalies", StringComparison.Ordinal)));
        var adaptive = Directory.CreateDirectory(Path.Combine(_directory, "adaptive")).FullName;
        var slack = Directory.CreateDirectory(Path.Combine(_directory, "slack")).FullName;
        var formatter = MoneyFormatter.EnglishUnitedStates;
        for (var i = 0; i < cards.Count; i++)
        {
            var teams = new AdaptiveCardRenderer(formatter, NoChartImageUrlProvider.Instance).Render(cards[i]);
            var message = new BlockKitRenderer(formatter, NoChartImageUrlProvider.Instance).Render(cards[i]);
            await File.WriteAllTextAsync(Path.Combine(adaptive, $"{i:00}.json"), teams.ToJsonString());
            await File.WriteAllTextAsync(Path.Combine(slack, $"{i:00}.json"), new JsonObject { ["text"] = message.Text, ["blocks"] = message.Blocks.DeepClone() }.ToJsonString());
        }

        var (adaptiveCode, adaptiveOutput) = CardOracle.Check("adaptive", adaptive);
        Assert.True(adaptiveCode == 0, "Adaptive Card oracle rejected a card:\n" + adaptiveOutput);
        var (slackCode, slackOutput) = CardOracle.Check("slack", slack);
        Assert.True(slackCode == 0, "Block Kit oracle rejected a message:\n" + slackOutput);
    }
}
