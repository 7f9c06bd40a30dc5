using FinOps.Conversation.Questions;
using FinOps.Core.Calendar;
using FinOps.Core.Query;

namespace FinOps.Conversation.Tests.Questions;

public sealed class UnitCostParserTests
{
    [Fact]
    public void Parse_UnitCostWithWordThatIsTeamAndCategory_MeansTheTeamWithoutAsking()
    {
        var catalog = new ValueCatalog(new Dictionary<Dimension, IReadOnlyList<string>>
        {
            [Dimension.Category] = ["Mobile"],
            [Dimension.Team] = ["mobile", "payments"],
        });

        var parsed = new QuestionParser(catalog, CostCalendar.Default).Parse("mobile cost per order last week", DemoCatalog.AsOf);

        Assert.Equal(QuestionIntent.UnitCost, parsed.Intent);
        Assert.Empty(parsed.Ambiguities);
        Assert.Equal(["mobile"], parsed.Query!.Filters[Dimension.Team]);
        Assert.False(parsed.Query.Filters.ContainsKey(Dimension.Category));
    }

    [Theory]
    [InlineData("cost per team last month")]
    [InlineData("cost per service")]
    [InlineData("cost per day last week")]
    [InlineData("spend per month this year")]
    public void Parse_PerDimensionOrTimeUnit_IsNotAUnitCost(string question)
    {
        var parsed = new QuestionParser(DemoCatalog.Catalog, CostCalendar.Default).Parse(question, DemoCatalog.AsOf);

        Assert.NotEqual(QuestionIntent.UnitCost, parsed.Intent);
        Assert.Null(parsed.UnitCost);
    }

    [Theory]
    [InlineData("cost per 1,000 orders", 1_000)]
    [InlineData("cost per 1000 orders", 1_000)]
    [InlineData("cost per 1k orders", 1_000)]
    [InlineData("cost per a thousand orders", 1_000)]
    [InlineData("cost per 1,000,000 orders", 1_000_000)]
    [InlineData("cost per million orders", 1_000_000)]
    public void Parse_ScaleSpelledDifferently_ReadsTheSameScale(string question, int scale)
    {
        var parsed = new QuestionParser(DemoCatalog.Catalog, CostCalendar.Default).Parse(question, DemoCatalog.AsOf);

        Assert.Equal(scale, parsed.UnitCost!.Scale);
        Assert.Equal("orders", parsed.UnitCost.MetricPhrase);
    }
}
