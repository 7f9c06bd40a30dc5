using System.Text.Json.Nodes;
using FinOps.Conversation.Answers;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Questions;
using FinOps.Conversation.Rendering;
using FinOps.Core.Calendar;
using FinOps.Core.Query;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Conversation.Tests.Questions;

public sealed class SupportTests
{
    [Fact]
    public void QueryJson_WriteThenRead_RoundTrips()
    {
        var query = new CostQuery
        {
            Metric = CostMetric.ListCost,
            Period = new DateRange(new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 23)),
            ComparePeriod = new DateRange(new DateOnly(2026, 11, 9), new DateOnly(2026, 11, 16)),
            Filters = new Dictionary<Dimension, IReadOnlyList<string>> { [Dimension.Team] = ["payments"], [Dimension.Tag("application")] = ["web-store"] },
            GroupBy = [Dimension.Service],
            Granularity = Granularity.Week,
            Top = 3,
        };

        var json = QueryJson.Write(QuestionIntent.Compare, query);
        var ok = QueryJson.TryRead(JsonNode.Parse(json.ToJsonString()), DemoCatalog.Catalog, out var intent, out var read, out var error);

        Assert.True(ok, error);
        Assert.Equal(QuestionIntent.Compare, intent);
        Assert.Equal(query.Period, read!.Period);
        Assert.Equal(query.ComparePeriod, read.ComparePeriod);
        Assert.Equal(["web-store"], read.Filters[Dimension.Tag("application")]);
        Assert.Equal([Dimension.Service], read.GroupBy);
        Assert.Equal(Granularity.Week, read.Granularity);
        Assert.Equal(3, read.Top);
        Assert.Equal("week", json["granularity"]!.GetValue<string>());
        Assert.Equal("tag:application", json["filters"]!.AsObject().Last().Key);
    }

    [Fact]
    public void QueryJson_Read_FillsWhatTheIntentNeeds()
    {
        var node = JsonNode.Parse("""{"intent": "compare", "period": {"start": "2026-11-16", "end": "2026-11-23"}}""");

        Assert.True(QueryJson.TryRead(node, DemoCatalog.Catalog, out _, out var compare, out _));
        Assert.Equal(new DateRange(new DateOnly(2026, 11, 9), new DateOnly(2026, 11, 16)), compare!.ComparePeriod);

        Assert.True(QueryJson.TryRead(JsonNode.Parse("""{"intent": "top", "period": {"start": "2026-11-16", "end": "2026-11-23"}}"""), DemoCatalog.Catalog, out _, out var top, out _));
        Assert.Equal([Dimension.Team], top!.GroupBy);
        Assert.Equal(5, top.Top);
    }

    [Theory]
    [InlineData(6880.66, "USD", "$6,880.66")]
    [InlineData(-12.5, "USD", "-$12.50")]
    [InlineData(1234.5, "EUR", "\u20ac1,234.50")]
    [InlineData(1234.5, "JPY", "\u00a51,235")]
    [InlineData(99.999, "CHF", "CHF\u00a0100.00")]
    [InlineData(0, "USD", "$0.00")]
    [InlineData(0.0042, "USD", "$0.0042")]
    [InlineData(-1234.5, "EUR", "-\u20ac1,234.50")]
    public void Money_Formats_WithSymbolOrCode(double amount, string currency, string expected)
    {
        Assert.Equal(expected, AnswerFormat.Money((decimal)amount, currency));
        Assert.Equal(MoneyFormatter.EnglishUnitedStates.Format(new Money((decimal)amount, currency)), AnswerFormat.Money((decimal)amount, currency));
    }

    [Theory]
    [InlineData(104, 100, "up 4%")]
    [InlineData(100.4, 100, "up 0.4%")]
    [InlineData(80, 100, "down 20%")]
    [InlineData(100, 100, "unchanged")]
    [InlineData(5, 0, "up from nothing")]
    public void Change_DescribesDirectionAndSize(double current, double previous, string expected)
    {
        Assert.Equal(expected, AnswerFormat.Change((decimal)current, (decimal)previous));
    }

    [Theory]
    [InlineData("2026-11-09", "2026-11-16", "Nov 9-15")]
    [InlineData("2026-11-22", "2026-11-23", "Nov 22")]
    [InlineData("2026-10-27", "2026-11-03", "Oct 27-Nov 2")]
    [InlineData("2025-12-01", "2026-01-01", "Dec 1-31, 2025")]
    [InlineData("2025-12-28", "2026-01-04", "Dec 28, 2025-Jan 3, 2026")]
    public void Span_NamesInclusiveDays(string start, string end, string expected)
    {
        Assert.Equal(expected, AnswerFormat.Span(new DateRange(DateOnly.Parse(start), DateOnly.Parse(end)), DemoCatalog.AsOf));
    }

    [Theory]
    [InlineData("payments", "payments", 0)]
    [InlineData("paymnets", "payments", 1)]
    [InlineData("payment", "payments", 1)]
    [InlineData("checkuot", "checkout", 1)]
    [InlineData("abcdef", "ghijkl", 3)]
    public void EditDistance_Bounded_CountsSwapsAsOneEdit(string a, string b, int expected)
    {
        Assert.Equal(expected, EditDistance.Bounded(a, b, 2));
    }

    [Fact]
    public void Tokenizer_KeepsIdsAndDatesTogether_SplitsRanges()
    {
        var tokens = Tokenizer.Tokenize("us-east-1 2026-10-01..2026-10-15 Sep 3-9, team's 3rd tag:owner per-team");

        Assert.Equal(
            ["us-east-1", "2026-10-01", "..", "2026-10-15", "sep", "3", "-", "9", "team", "3", "tag:owner", "per", "team"],
            tokens.Select(t => t.Text));
    }

    [Fact]
    public async Task ValueCatalogProvider_ReusesCatalogUntilRefreshInterval()
    {
        var store = new FakeCostQueryService().Add(DemoCatalog.AsOf, 1m, "payments");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        using var provider = new ValueCatalogProvider(store, CostCalendar.Default, clock, Options.Create(new ConversationOptions { CatalogRefreshMinutes = 5 }));

        var first = await provider.GetParserAsync(CancellationToken.None);
        store.Add(DemoCatalog.AsOf, 1m, "newteam");
        var cached = await provider.GetParserAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(5));
        var refreshed = await provider.GetParserAsync(CancellationToken.None);

        Assert.Same(first, cached);
        Assert.DoesNotContain("newteam", cached.Catalog.ValuesOf(Dimension.Team));
        Assert.Contains("newteam", refreshed.Catalog.ValuesOf(Dimension.Team));
    }

    [Fact]
    public void PeriodLabels_DescribeRange()
    {
        Assert.Equal("from Nov 16 to Nov 22", PeriodLabels.Describe(new DateRange(new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 23)), DemoCatalog.AsOf));
        Assert.Equal("on Dec 25, 2025", PeriodLabels.Describe(new DateRange(new DateOnly(2025, 12, 25), new DateOnly(2025, 12, 26)), DemoCatalog.AsOf));
    }
}
