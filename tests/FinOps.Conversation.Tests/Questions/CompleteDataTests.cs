using FinOps.Conversation.Answers;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Questions;
using FinOps.Core.Calendar;
using Microsoft.Extensions.Logging.Abstractions;

namespace FinOps.Conversation.Tests.Questions;

/// <summary>Issue 13: periods "so far" end on the last complete day of data, and the answer says which day that is.</summary>
public sealed class CompleteDataTests
{
    private static readonly DateOnly December2 = new(2026, 12, 2);

    [Theory]
    [InlineData("how much did we spend this month", "this month through Dec 2", "2026-12-01")]
    [InlineData("total spend", "this month through Dec 2", "2026-12-01")]
    [InlineData("spend this week", "this week through Dec 2", "2026-11-30")]
    [InlineData("spend year to date", "this year through Dec 2", "2026-01-01")]
    [InlineData("spend mtd", "this month through Dec 2", "2026-12-01")]
    public async Task AskJson_SoFarPeriod_EndsOnTheLastCompleteDay(string question, string phrase, string start)
    {
        var json = await Issue13Scenario.AskJsonAsync(Issue13Scenario.Store(December2), question, Issue13Scenario.December3);

        var answer = json["answer"]!;
        Assert.Equal("2026-12-02", answer["dataThrough"]!.GetValue<string>());
        Assert.Equal(start, json["query"]!["period"]!["start"]!.GetValue<string>());
        Assert.Equal("2026-12-03", json["query"]!["period"]!["end"]!.GetValue<string>());
        var firstSentence = answer["text"]!.GetValue<string>().Split(". ")[0];
        Assert.Contains(phrase, firstSentence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskJson_AsOfTheLastDayOfData_TodayIsNeverComplete()
    {
        var json = await Issue13Scenario.AskJsonAsync(Issue13Scenario.Store(December2), "how much did we spend this month", December2);

        Assert.Equal("2026-12-01", json["answer"]!["dataThrough"]!.GetValue<string>());
        Assert.Equal(900m, json["answer"]!["total"]!.GetValue<decimal>());
        Assert.StartsWith("Total spend was $900.00 this month through Dec 1 (Dec 1, amortised)", json["answer"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskJson_ProviderExportADayBehind_EndsWhereEveryProviderIsComplete()
    {
        var store = Issue13Scenario.Store(December2, microsoftThrough: new DateOnly(2026, 12, 1));

        var json = await Issue13Scenario.AskJsonAsync(store, "how much did we spend this month", Issue13Scenario.December3);

        Assert.Equal("2026-12-01", json["answer"]!["dataThrough"]!.GetValue<string>());
        Assert.Equal(1000m, json["answer"]!["total"]!.GetValue<decimal>());
        Assert.Contains("this month through Dec 1 (Dec 1, amortised)", json["answer"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskJson_QuestionAboutTheProviderThatIsComplete_UsesItsOwnLastDay()
    {
        var store = Issue13Scenario.Store(December2, microsoftThrough: new DateOnly(2026, 12, 1));

        var json = await Issue13Scenario.AskJsonAsync(store, "how much did aws cost this month", Issue13Scenario.December3);

        Assert.Equal("2026-12-02", json["answer"]!["dataThrough"]!.GetValue<string>());
        Assert.Equal(1800m, json["answer"]!["total"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task AskJson_FinishedPeriod_KeepsItsDatesAndReportsDataThrough()
    {
        var json = await Issue13Scenario.AskJsonAsync(Issue13Scenario.Store(December2), "how much did we spend last month", Issue13Scenario.December3);

        Assert.Equal("2026-12-01", json["query"]!["period"]!["end"]!.GetValue<string>());
        Assert.Equal("2026-12-02", json["answer"]!["dataThrough"]!.GetValue<string>());
        Assert.Equal(30000m, json["answer"]!["total"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task AskJson_Forecast_FromCompleteDaysOnly()
    {
        var store = Issue13Scenario.Store(December2, microsoftThrough: new DateOnly(2026, 12, 1));
        var completeOnly = Issue13Scenario.Store(new DateOnly(2026, 12, 1), microsoftThrough: new DateOnly(2026, 12, 1));
        var withDecember2 = Issue13Scenario.Store(December2, microsoftThrough: December2);

        var json = await Issue13Scenario.AskJsonAsync(store, "forecast this month", Issue13Scenario.December3);
        var expected = await Issue13Scenario.AskJsonAsync(completeOnly, "forecast this month", Issue13Scenario.December3);
        var other = await Issue13Scenario.AskJsonAsync(withDecember2, "forecast this month", Issue13Scenario.December3);

        // AWS's Dec 2 is not used while Microsoft's is missing: the same forecast as from data through Dec 1 alone.
        var total = json["answer"]!["total"]!.GetValue<decimal>();
        Assert.Equal(expected["answer"]!["total"]!.GetValue<decimal>(), total);
        Assert.NotEqual(other["answer"]!["total"]!.GetValue<decimal>(), total);
        Assert.Contains("from $1,000.00 over the 1 days through Dec 1", json["answer"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("2026-12-01", json["answer"]!["dataThrough"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnswerAsync_ProviderExportADayBehind_ContextLineNamesEachProvidersLastDay()
    {
        var store = Issue13Scenario.Store(December2, microsoftThrough: new DateOnly(2026, 12, 1));
        var catalog = await ValueCatalog.LoadAsync(store, [], CancellationToken.None);
        var parsed = new QuestionParser(catalog, CostCalendar.Default).Parse("spend this month", Issue13Scenario.December3);

        var answer = await new QuestionAnswerer(store, NullLogger<QuestionAnswerer>.Instance).AnswerAsync(parsed, catalog, Issue13Scenario.December3, CancellationToken.None);

        var context = Assert.IsType<ContextBlock>(answer.Card.Blocks[^1]);
        Assert.Contains("Complete for every provider through 2026-12-01 (AWS 2026-12-02, Microsoft 2026-12-01)", context.Text, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 12, 1), answer.DataThrough);
    }
}
