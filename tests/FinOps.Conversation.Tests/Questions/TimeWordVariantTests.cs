using FinOps.Conversation.Questions;
using FinOps.Core.Calendar;

namespace FinOps.Conversation.Tests.Questions;

/// <summary>Issue 13: typos in time words, short forms of periods and months written with numbers.</summary>
public sealed class TimeWordVariantTests
{
    private readonly QuestionParser _parser = new(DemoCatalog.Catalog, CostCalendar.Default);

    [Theory]
    [InlineData("spend last wek", "2026-11-16", "2026-11-23", "last week")]
    [InlineData("spend this wek", "2026-11-23", "2026-11-24", "this week so far")]
    [InlineData("spend this mnth", "2026-11-01", "2026-11-24", "this month so far")]
    [InlineData("spend yesterdy", "2026-11-22", "2026-11-23", "yesterday")]
    [InlineData("spend tody", "2026-11-23", "2026-11-24", "today")]
    [InlineData("spend prev qtr", "2026-07-01", "2026-10-01", "last quarter")]
    [InlineData("spend LQ", "2026-07-01", "2026-10-01", "last quarter")]
    [InlineData("spend LM", "2026-10-01", "2026-11-01", "last month")]
    [InlineData("spend LW", "2026-11-16", "2026-11-23", "last week")]
    [InlineData("spend MTD", "2026-11-01", "2026-11-24", "this month so far")]
    [InlineData("spend QTD", "2026-10-01", "2026-11-24", "this quarter so far")]
    [InlineData("spend in 2026-03", "2026-03-01", "2026-04-01", "in March")]
    [InlineData("spend 03/2026", "2026-03-01", "2026-04-01", "in March")]
    [InlineData("spend 2026/03", "2026-03-01", "2026-04-01", "in March")]
    [InlineData("spend 2025-12", "2025-12-01", "2026-01-01", "in December 2025")]
    [InlineData("spend 2026-11", "2026-11-01", "2026-11-24", "in November so far")]
    public void Parse_TimeWordVariant_MeansThePeriod(string text, string start, string end, string phrase)
    {
        var parsed = _parser.Parse(text, DemoCatalog.AsOf);

        Assert.True(parsed.Understood, text);
        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), parsed.Query!.Period.Start);
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), parsed.Query.Period.End);
        Assert.Equal(phrase, parsed.PeriodLabel.Phrase);
        Assert.Empty(parsed.UnrecognisedWords);
    }

    [Fact]
    public void Parse_ShortFormsOnBothSides_ComparesLastWeekWithLastMonth()
    {
        var parsed = _parser.Parse("spend LW vs LM", DemoCatalog.AsOf);

        Assert.Equal(QuestionIntent.Compare, parsed.Intent);
        Assert.Equal(new DateOnly(2026, 11, 16), parsed.Query!.Period.Start);
        Assert.Equal(new DateOnly(2026, 10, 1), parsed.Query.ComparePeriod!.Start);
    }

    [Fact]
    public void Parse_NumericMonthThirteen_IsAPeriodProblem()
    {
        var parsed = _parser.Parse("spend 2026-13", DemoCatalog.AsOf);

        Assert.Equal("2026-13 is not a month: months run from 1 to 12", parsed.PeriodProblem);
    }

    [Fact]
    public void Parse_ShortFormThatNamesAValue_StaysTheValue()
    {
        var values = new Dictionary<FinOps.Core.Query.Dimension, IReadOnlyList<string>>(DemoCatalog.Values) { [FinOps.Core.Query.Dimension.Team] = ["lm", "payments"] };
        var parsed = new QuestionParser(new ValueCatalog(values), CostCalendar.Default).Parse("how much did lm spend last week", DemoCatalog.AsOf);

        Assert.Equal(["lm"], parsed.Query!.Filters[FinOps.Core.Query.Dimension.Team]);
        Assert.Equal(new DateOnly(2026, 11, 16), parsed.Query.Period.Start);
    }
}
