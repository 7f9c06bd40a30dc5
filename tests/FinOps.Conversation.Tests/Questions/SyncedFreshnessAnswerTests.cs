using FinOps.Conversation.Answers;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Questions;
using FinOps.Core.Calendar;
using Microsoft.Extensions.Logging.Abstractions;

namespace FinOps.Conversation.Tests.Questions;

/// <summary>Issue 17: with ingestion sources, the syncs' records say how far each provider's data is complete.</summary>
public sealed class SyncedFreshnessAnswerTests
{
    private static readonly DateOnly December1 = new(2026, 12, 1);
    private static readonly DateOnly November30 = new(2026, 11, 30);
    private static readonly DateOnly December2 = new(2026, 12, 2);

    /// <summary>The data runs through Dec 2 for both providers, but the syncs say AWS is complete through Dec 1 and Microsoft through Nov 30.</summary>
    private static FakeDataFreshness Freshness(bool stale = false) => new(
        FakeDataFreshness.Source("aws-focus", false, ("AWS", "111111111111", December1)),
        FakeDataFreshness.Source("azure-focus", stale, ("Microsoft", "ea-1", November30)));

    [Fact]
    public async Task AskJson_SourcesConfigured_SyncFreshnessDecidesTheLastCompleteDay()
    {
        var store = Issue13Scenario.Store(December2, microsoftThrough: December2);

        var json = await Issue13Scenario.AskJsonAsync(store, "how much did we spend this month", Issue13Scenario.December3, freshness: Freshness());

        var answer = json["answer"]!;
        Assert.Equal("2026-11-30", answer["dataThrough"]!.GetValue<string>());
        Assert.EndsWith("Data complete for AWS through Dec 1, Microsoft through Nov 30.", answer["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var complete = answer["completeThrough"]!.AsArray();
        Assert.Equal(2, complete.Count);
        Assert.Equal("AWS", complete[0]!["provider"]!.GetValue<string>());
        Assert.Equal("2026-12-01", complete[0]!["through"]!.GetValue<string>());
        Assert.Equal("aws-focus", complete[0]!["sources"]![0]!.GetValue<string>());
        Assert.False(complete[0]!["overdue"]!.GetValue<bool>());
        Assert.Equal("2026-11-30", complete[1]!["through"]!.GetValue<string>());
    }

    [Fact]
    public async Task AskJson_QuestionNamesOneProvider_UsesThatProvidersSyncedDay()
    {
        var store = Issue13Scenario.Store(December2, microsoftThrough: December2);

        var json = await Issue13Scenario.AskJsonAsync(store, "how much did aws cost this month", Issue13Scenario.December3, freshness: Freshness());

        Assert.Equal("2026-12-01", json["answer"]!["dataThrough"]!.GetValue<string>());
        // AWS is $900 a day in December: Dec 1 only, Dec 2 is not complete by the sync's record.
        Assert.Equal(900m, json["answer"]!["total"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task AskJson_NoSourceHasDelivered_KeepsTheDataDerivedAnswer()
    {
        var store = Issue13Scenario.Store(December2, microsoftThrough: December1);
        var freshness = new FakeDataFreshness();

        var json = await Issue13Scenario.AskJsonAsync(store, "how much did we spend this month", Issue13Scenario.December3, freshness: freshness);
        var without = await Issue13Scenario.AskJsonAsync(store, "how much did we spend this month", Issue13Scenario.December3);

        Assert.Equal(1, freshness.Reads);
        Assert.Null(json["answer"]!["completeThrough"]);
        Assert.Equal(without.ToJsonString(), json.ToJsonString());
    }

    [Fact]
    public async Task AnswerAsync_SourceOverdue_ContextLineAndTextMarkIt()
    {
        var store = Issue13Scenario.Store(December2, microsoftThrough: December2);
        var catalog = await ValueCatalog.LoadAsync(store, [], CancellationToken.None);
        var parsed = new QuestionParser(catalog, CostCalendar.Default).Parse("spend this month", Issue13Scenario.December3);

        var answer = await new QuestionAnswerer(store, NullLogger<QuestionAnswerer>.Instance, freshness: Freshness(stale: true))
            .AnswerAsync(parsed, catalog, Issue13Scenario.December3, CancellationToken.None);

        var context = Assert.IsType<ContextBlock>(answer.Card.Blocks[^1]);
        Assert.Contains("Synced exports complete through 2026-11-30 (AWS 2026-12-01, Microsoft 2026-11-30 overdue)", context.Text, StringComparison.Ordinal);
        Assert.Contains("Microsoft through Nov 30 (export overdue)", answer.Text, StringComparison.Ordinal);
        Assert.Equal(November30, answer.DataThrough);
    }

    [Fact]
    public async Task AnswerAsync_FreshnessQuestion_NamesEachProvidersSyncedDay()
    {
        var store = Issue13Scenario.Store(December2, microsoftThrough: December2);
        var catalog = await ValueCatalog.LoadAsync(store, [], CancellationToken.None);
        var parsed = new QuestionParser(catalog, CostCalendar.Default).Parse("how fresh is the data", Issue13Scenario.December3);

        var answer = await new QuestionAnswerer(store, NullLogger<QuestionAnswerer>.Instance, freshness: Freshness())
            .AnswerAsync(parsed, catalog, Issue13Scenario.December3, CancellationToken.None);

        Assert.Equal(QuestionIntent.Freshness, parsed.Intent);
        Assert.Contains("Data complete for AWS through Dec 1, Microsoft through Nov 30.", answer.Text, StringComparison.Ordinal);
    }
}
