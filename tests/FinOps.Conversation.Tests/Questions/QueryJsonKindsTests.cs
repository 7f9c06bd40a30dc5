using FinOps.Conversation.Questions;
using FinOps.Core.Query;

namespace FinOps.Conversation.Tests.Questions;

public sealed class QueryJsonKindsTests
{
    private static readonly DateRange October = new(new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 1));

    [Fact]
    public void Write_PlainQuery_HasNoNewKeys()
    {
        var json = QueryJson.Write(QuestionIntent.Total, new CostQuery { Period = October });

        Assert.Equal(["intent", "metric", "period", "comparePeriod", "filters", "groupBy", "granularity", "top"], json.Select(p => p.Key));
    }

    [Fact]
    public void TryRead_WrittenKinds_RoundTripForClarifyButtons()
    {
        var query = new CostQuery
        {
            Period = October,
            Exclusions = new Dictionary<Dimension, IReadOnlyList<string>> { [Dimension.Provider] = ["AWS"] },
            Days = DayFilter.Weekends,
            CommitmentDiscountStatus = "Unused",
        };
        var json = QueryJson.Write(QuestionIntent.Total, query, QuestionMeasure.AveragePerDay);

        Assert.True(QueryJson.TryRead(json, DemoCatalog.Catalog, out _, out var read, out var error), error);
        Assert.Equal(["AWS"], read.Exclusions[Dimension.Provider]);
        Assert.Equal(DayFilter.Weekends, read.Days);
        Assert.Equal("Unused", read.CommitmentDiscountStatus);
        Assert.Equal(QuestionMeasure.AveragePerDay, QueryJson.ReadMeasure(json));
    }

    [Theory]
    [InlineData("""{"intent": "total", "period": {"start": "2026-10-01", "end": "2026-11-01"}, "exclude": {"planet": ["mars"]}}""", "exclude: unknown dimension 'planet'")]
    [InlineData("""{"intent": "total", "period": {"start": "2026-10-01", "end": "2026-11-01"}, "exclude": {"provider": ["Nimbus"]}}""", "exclude.provider: 'Nimbus' is not in the data")]
    [InlineData("""{"intent": "total", "period": {"start": "2026-10-01", "end": "2026-11-01"}, "days": "holidays"}""", "days: must be all, weekdays or weekends")]
    public void TryRead_BadKinds_ErrorNamesTheField(string text, string expected)
    {
        Assert.False(QueryJson.TryRead(System.Text.Json.Nodes.JsonNode.Parse(text), DemoCatalog.Catalog, out _, out _, out var error));
        Assert.Equal(expected, error);
    }
}
