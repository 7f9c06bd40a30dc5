using FinOps.Conversation.Answers;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Questions;
using FinOps.Core.Calendar;
using Microsoft.Extensions.Logging.Abstractions;

namespace FinOps.Conversation.Tests.Questions;

/// <summary>Issue 13: a partial period is compared with the same days before it; the whole previous period and the forecast are context.</summary>
public sealed class LikeForLikeTests
{
    private static readonly DateOnly December2 = new(2026, 12, 2);

    [Fact]
    public async Task AskJson_ThisMonthVsLastMonthOnDecember3_ComparesDecember1To2WithNovember1To2()
    {
        var json = await Issue13Scenario.AskJsonAsync(Issue13Scenario.Store(December2), "this month vs last month", Issue13Scenario.December3);

        var answer = json["answer"]!;
        var text = answer["text"]!.GetValue<string>();
        Assert.Equal(1800m, answer["total"]!.GetValue<decimal>());
        Assert.Equal(2000m, answer["compareTotal"]!.GetValue<decimal>());
        Assert.Equal("2026-11-01", json["query"]!["comparePeriod"]!["start"]!.GetValue<string>());
        Assert.Equal("2026-11-03", json["query"]!["comparePeriod"]!["end"]!.GetValue<string>());
        Assert.Equal("2026-12-02", answer["dataThrough"]!.GetValue<string>());
        Assert.DoesNotContain("93%", text, StringComparison.Ordinal);
        Assert.StartsWith(
            "Total spend was $1,800.00 this month through Dec 2 (Dec 1-2, amortised), down 10% (-$200.00) on the same days of last month ($2,000.00, Nov 1-2). "
            + "All of last month (Nov 1-30): $30,000.00; this month's forecast at the current run-rate: $27,900.00 (Dec 1-31).",
            text,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskJson_WhichTeamGrewTheMostThisMonthOnDecember3_NamesTheTeamThatGrew()
    {
        var json = await Issue13Scenario.AskJsonAsync(Issue13Scenario.Store(December2), "which team grew the most this month?", Issue13Scenario.December3);

        var answer = json["answer"]!;
        var text = answer["text"]!.GetValue<string>();

        // Checkout shrank by more ($300) than payments grew ($100): a ranking by size alone would name checkout.
        Assert.StartsWith("Payments grew the most this month through Dec 2 (Dec 1-2, amortised): +$100.00 on the same days last month ($1,200.00 to $1,300.00, Nov 1-2).", text, StringComparison.Ordinal);
        var first = answer["rows"]![0]!;
        Assert.Equal("payments", first["key"]!["team"]!.GetValue<string>());
        Assert.Equal(1300m, first["value"]!.GetValue<decimal>());
        Assert.Equal(1200m, first["compareValue"]!.GetValue<decimal>());
        Assert.Equal(2000m, answer["compareTotal"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task AskJson_WhichTeamShrankTheMost_NamesTheTeamThatShrank()
    {
        var json = await Issue13Scenario.AskJsonAsync(Issue13Scenario.Store(December2), "which team shrank the most this month?", Issue13Scenario.December3);

        Assert.StartsWith("Checkout shrank the most this month through Dec 2", json["answer"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskJson_NoTeamGrew_SaysNoneDid()
    {
        var json = await Issue13Scenario.AskJsonAsync(Issue13Scenario.Store(December2), "which team grew the most last week?", Issue13Scenario.December3);

        // Nov 23-29 against Nov 16-22: every team spent the same.
        Assert.StartsWith("No team grew last week (Nov 23-29, amortised) compared with the week before (Nov 16-22).", json["answer"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskJson_TotalThisMonth_StatesTheSameDaysChangeAndSetsCompareTotal()
    {
        var json = await Issue13Scenario.AskJsonAsync(Issue13Scenario.Store(December2), "how much did we spend this month", Issue13Scenario.December3);

        var answer = json["answer"]!;
        Assert.Equal(2000m, answer["compareTotal"]!.GetValue<decimal>());
        Assert.Contains("down 10% on the same days last month.", answer["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("All of last month (Nov 1-30): $30,000.00", answer["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_PeriodsOfDifferentLength_StateTheChangeWithoutColouringIt()
    {
        var store = Issue13Scenario.Store(December2);
        var catalog = await ValueCatalog.LoadAsync(store, [], CancellationToken.None);
        var parsed = new QuestionParser(catalog, CostCalendar.Default).Parse("last 7 days vs last month", Issue13Scenario.December3);

        var answer = await new QuestionAnswerer(store, NullLogger<QuestionAnswerer>.Instance).AnswerAsync(parsed, catalog, Issue13Scenario.December3, CancellationToken.None);

        Assert.Contains("the periods differ in length (7 and 30 days), so the change is not like for like", answer.Text, StringComparison.Ordinal);
        Assert.NotNull(answer.CompareTotal);
        Assert.Null(Assert.Single(answer.Card.Blocks.OfType<KeyNumberBlock>()).Change);
    }

    [Fact]
    public async Task AnswerAsync_SameDaysComparison_ColoursTheChange()
    {
        var store = Issue13Scenario.Store(December2);
        var catalog = await ValueCatalog.LoadAsync(store, [], CancellationToken.None);
        var parsed = new QuestionParser(catalog, CostCalendar.Default).Parse("this month vs last month", Issue13Scenario.December3);

        var answer = await new QuestionAnswerer(store, NullLogger<QuestionAnswerer>.Instance).AnswerAsync(parsed, catalog, Issue13Scenario.December3, CancellationToken.None);

        var change = Assert.Single(answer.Card.Blocks.OfType<KeyNumberBlock>()).Change;
        Assert.NotNull(change);
        Assert.Equal(-200m, change.Change.Amount);
    }
}
