using FinOps.Conversation.Questions;
using FinOps.Core.Calendar;

namespace FinOps.Conversation.Tests.Questions;

public sealed class ParserRuleTableTests
{
    [Fact]
    public void PeriodRuleNames_Order_PutsPrefixRulesBeforeTheShapesTheyWrap()
    {
        var names = TimeExpressionParser.PeriodRuleNames.ToList();

        Assert.Equal(names.Count, names.Distinct().Count());
        // Impossible numbers ("Q99", "0001-01-01") are caught before any rule can read them as something else.
        Assert.Equal("out-of-range", names[0]);

        // "since Sep 3" and "from Sep 3 to Sep 9" must see the date before the date rule takes it alone.
        Assert.True(names.IndexOf("since") < names.IndexOf("date-or-range"));
        Assert.True(names.IndexOf("from-or-between") < names.IndexOf("date-or-range"));

        // "Q3 2025" is a quarter, not the year 2025.
        Assert.True(names.IndexOf("quarter") < names.IndexOf("bare-year"));
    }

    [Fact]
    public void IntentRuleNames_Order_HelpAndFreshnessBeforeTotal()
    {
        var names = QuestionParser.IntentRuleNames.ToList();

        // "unit-cost" comes right after help: "cost per order trend" is a unit cost laid out as a trend, not a cost trend.
        Assert.Equal(["help", "unit-cost", "freshness", "forecast", "drivers", "compare", "trend", "top", "breakdown", "unallocated", "kind", "total", "greeting"], names.Take(13));
        Assert.Equal(["values-side-by-side", "ranking-of-changes", "cheapest", "top-n", "range-trend", "measure-fits-intent"], names.Skip(13));
    }

    [Theory]
    [InlineData("spend since")]
    [InlineData("spend from")]
    [InlineData("spend between")]
    public void Parse_PrefixAsLastWord_FallsBackToTheDefaultPeriod(string text)
    {
        var parsed = new QuestionParser(DemoCatalog.Catalog, CostCalendar.Default).Parse(text, DemoCatalog.AsOf);

        Assert.Equal(QuestionIntent.Total, parsed.Intent);
        Assert.Equal(new DateOnly(2026, 11, 1), parsed.Query!.Period.Start);
    }
}
