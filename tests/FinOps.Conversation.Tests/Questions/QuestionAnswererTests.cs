using FinOps.Conversation.Answers;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Questions;
using FinOps.Core.Calendar;
using FinOps.Core.Query;
using Microsoft.Extensions.Logging.Abstractions;

namespace FinOps.Conversation.Tests.Questions;

public sealed class QuestionAnswererTests
{
    private static readonly DateOnly Today = DemoCatalog.AsOf;
    private readonly FakeCostQueryService _store = new()
    {
        Coverage = new DataCoverage(new DateRange(new DateOnly(2025, 11, 1), new DateOnly(2026, 11, 23)), new DateTimeOffset(2026, 11, 23, 6, 10, 0, TimeSpan.Zero), ["USD"]),
    };

    private QuestionAnswerer Answerer => new(_store, NullLogger<QuestionAnswerer>.Instance);

    private FakeCostQueryService WeeklyFacts() => _store
        .Add(new DateOnly(2026, 11, 18), 6880.66m, "payments", resource: "i-pay")
        .Add(new DateOnly(2026, 11, 10), 6615.10m, "payments", resource: "i-pay")
        .Add(new DateOnly(2026, 11, 18), 1200m, "checkout", service: "Amazon Relational Database Service", resource: "db-checkout", category: "Databases")
        .Add(new DateOnly(2026, 11, 10), 1500m, "checkout", service: "Amazon Relational Database Service", resource: "db-checkout", category: "Databases")
        .Add(new DateOnly(2026, 11, 19), 300m, "Unallocated", service: "Amazon Simple Storage Service", resource: "bucket-logs", category: "Storage");

    private async Task<QuestionAnswer> AskAsync(string text)
    {
        var catalog = await ValueCatalog.LoadAsync(_store, [], CancellationToken.None);
        var parsed = new QuestionParser(catalog, CostCalendar.Default).Parse(text, Today);
        return await Answerer.AnswerAsync(parsed, catalog, Today, CancellationToken.None);
    }

    [Fact]
    public async Task AnswerAsync_TeamTotal_FirstSentenceHasNumberPeriodMetricAndChange()
    {
        WeeklyFacts();

        var answer = await AskAsync("how much did payments spend last week");

        Assert.Equal("Payments spent $6,880.66 last week (Nov 16-22, amortised), up 4% on the week before.", answer.Text);
        Assert.Equal(6880.66m, answer.Total);
        Assert.Equal(6615.10m, answer.CompareTotal);
        Assert.Equal("USD", answer.Currency);
        var key = Assert.Single(answer.Card.Blocks.OfType<KeyNumberBlock>());
        Assert.Equal(new Money(6880.66m, "USD"), key.Value);
        Assert.Equal(265.56m, key.Change!.Change.Amount);
        var context = Assert.IsType<ContextBlock>(answer.Card.Blocks[^1]);
        Assert.Contains("Period: 2026-11-16 to 2026-11-22", context.Text, StringComparison.Ordinal);
        Assert.Contains("EffectiveCost", context.Text, StringComparison.Ordinal);
        Assert.Contains("Data through 2026-11-22, imported 2026-11-23 06:10 UTC", context.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_BilledMetric_SaysBilled()
    {
        WeeklyFacts();

        var answer = await AskAsync("checkout invoice last week");

        Assert.StartsWith("Checkout spent $1,200.00 last week (Nov 16-22, billed), down 20% on the week before.", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_Breakdown_RowsByValueDescendingWithTable()
    {
        WeeklyFacts();

        var answer = await AskAsync("spend by team last week");

        Assert.Equal(["payments", "checkout", "Unallocated"], answer.Rows.Select(r => r.Key.Single().Value));
        Assert.All(answer.Rows, r => Assert.Equal("team", r.Key.Single().Key));
        Assert.Equal(8380.66m, answer.Total);
        Assert.Equal("Total spend was $8,380.66 last week (Nov 16-22, amortised); Payments was the largest team at $6,880.66 (82%).", answer.Text);
        var table = Assert.Single(answer.Card.Blocks.OfType<CostTableBlock>());
        Assert.Equal(3, table.Rows.Count);
        Assert.Equal(new Money(8380.66m, "USD"), table.Total!.Amount);
    }

    [Fact]
    public async Task AnswerAsync_WhichTeamSpentMost_FirstRowIsTheAnswer()
    {
        WeeklyFacts();

        var answer = await AskAsync("which team spent the most last week");

        Assert.Equal("payments", answer.Rows[0].Key.Single().Value);
        Assert.Equal("Payments spent the most last week: $6,880.66, 82% of $8,380.66 (Nov 16-22, amortised).", answer.Text);
    }

    [Fact]
    public async Task AnswerAsync_Trend_RowsByDateWithChart()
    {
        WeeklyFacts();

        var answer = await AskAsync("daily spend last week");

        Assert.Equal(["2026-11-18", "2026-11-19"], answer.Rows.Select(r => r.Key.Single(k => k.Key == "date").Value));
        var chart = Assert.Single(answer.Card.Blocks.OfType<ChartBlock>());
        Assert.Equal(7, chart.Spec.Bars.Count);
        Assert.Equal(8080.66m, chart.Spec.Bars[2].Value);
        Assert.Contains("highest day was Nov 18 at $8,080.66", answer.Text, StringComparison.Ordinal);
        Assert.Contains("$8,080.66", chart.AltText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_Compare_RecentPeriodIsPrimary()
    {
        WeeklyFacts();

        var answer = await AskAsync("how did last week compare to the week before");

        Assert.Equal(8380.66m, answer.Total);
        Assert.Equal(8115.10m, answer.CompareTotal);
        Assert.Equal("Total spend was $8,380.66 last week (Nov 16-22, amortised), up 3.3% (+$265.56) on the week before ($8,115.10, Nov 9-15).", answer.Text);
    }

    [Fact]
    public async Task AnswerAsync_Drivers_RankByAbsoluteChange()
    {
        WeeklyFacts();

        var answer = await AskAsync("why did spend go up last week");

        // Unallocated +300 and checkout -300 tie in size; both beat payments +265.56.
        Assert.Equal(["Unallocated", "checkout", "payments"], answer.Rows.Select(r => r.Key.Single().Value));
        Assert.Equal(300m, answer.Rows[0].Value);
        Assert.Equal(0m, answer.Rows[0].CompareValue);
        Assert.Contains("Largest changes: team Unallocated (+$300.00), service Amazon Simple Storage Service (+$300.00) and resource bucket-logs (+$300.00).", answer.Text, StringComparison.Ordinal);
        Assert.Equal(3, answer.Card.Blocks.OfType<CostTableBlock>().Count());
    }

    [Fact]
    public async Task AnswerAsync_Forecast_ForecasterValueWithLikelyRangeLabelled()
    {
        for (var day = 1; day <= 22; day++)
        {
            _store.Add(new DateOnly(2026, 11, day), 100m, "payments");
        }

        var answer = await AskAsync("forecast for payments this month");

        // 8 more days at 100; three weeks of history are too few to backtest, so the range is +-25% of the remaining 800.
        Assert.Equal(3000m, answer.Total);
        Assert.Equal("Forecast: Payments is on pace for about $3,000.00 this month (Nov 1-30, amortised), likely $2,800.00-$3,200.00, from $2,200.00 over the 22 days through Nov 22.", answer.Text);
        var facts = Assert.Single(answer.Card.Blocks.OfType<FactsBlock>());
        Assert.Contains(facts.Facts, f => f.Label == "Likely range (80%)" && f.Value == "$2,800.00 - $3,200.00");
        Assert.Contains(answer.Card.Blocks.OfType<ContextBlock>(), b => b.Text.Contains("not a commitment", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnswerAsync_Unallocated_ShareOfTotalAndServicesToTag()
    {
        WeeklyFacts();

        var answer = await AskAsync("how much was untagged last week");

        Assert.Equal(300m, answer.Total);
        Assert.Equal("$300.00 of spend was unallocated last week (Nov 16-22, amortised), 3.6% of the $8,380.66 total.", answer.Text);
        var table = Assert.Single(answer.Card.Blocks.OfType<CostTableBlock>());
        Assert.Equal("Amazon Simple Storage Service", table.Rows[0].Label);
    }

    [Fact]
    public async Task AnswerAsync_Freshness_ReportsImportAndCoverage()
    {
        WeeklyFacts();

        var answer = await AskAsync("when was the data last refreshed");

        Assert.Equal("Cost data was last imported on Nov 23, 2026 at 06:10 UTC and covers Nov 1, 2025 to Nov 22, 2026 (USD).", answer.Text);
        Assert.Null(answer.Total);
    }

    [Fact]
    public async Task AnswerAsync_TotalWhoseNaturalComparisonPredatesTheData_GivesNoChange()
    {
        WeeklyFacts();

        var answer = await AskAsync("how much did payments spend this year");

        Assert.StartsWith("Payments spent $13,495.76 this year through Nov 22 (Jan 1-Nov 22, amortised). This year's forecast at the current run-rate: ", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("last year", answer.Text, StringComparison.Ordinal);
        Assert.Null(answer.CompareTotal);
    }

    [Fact]
    public async Task AnswerAsync_TagFilterOnly_SentenceStartsWithSpend()
    {
        _store.Add(new DateOnly(2026, 11, 18), 10m, "payments");
        var parsed = new QuestionParser(new ValueCatalog(new Dictionary<Dimension, IReadOnlyList<string>> { [Dimension.Tag("cost-center")] = ["CC-1000"] }), CostCalendar.Default)
            .Parse("cost center CC-1000 last week", Today);

        var answer = await Answerer.AnswerAsync(parsed, ValueCatalog.Empty, Today, CancellationToken.None);

        Assert.StartsWith("Spend with cost-center CC-1000 cost ", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_PeriodAfterTheData_SaysThereIsNoDataYetWithoutAFigure()
    {
        WeeklyFacts();

        var answer = await AskAsync("how much did payments spend today");

        Assert.Equal("There is no cost data for today (Nov 23) yet: the data runs through Nov 22. Cloud providers deliver cost exports a day or more after the usage.", answer.Text);
        Assert.Null(answer.Total);
        Assert.Empty(_store.Queries);
    }

    [Fact]
    public async Task AnswerAsync_CheapestTeam_NamesTheSmallestRow()
    {
        WeeklyFacts();

        var answer = await AskAsync("cheapest team last week");

        Assert.EndsWith("; Unallocated was the smallest team at $300.00 (3.6%).", answer.Text, StringComparison.Ordinal);
        Assert.Equal("payments", answer.Rows[0].Key.Single().Value);
    }

    [Fact]
    public async Task AnswerAsync_UnknownWord_SaysFirstThatItWasNotUsed()
    {
        WeeklyFacts();

        var answer = await AskAsync("what did we spend on gpus last week");

        Assert.Contains(" by it. Total spend was ", answer.Text, StringComparison.Ordinal);
        Assert.StartsWith("Note: \"gpus\" is not a team, service or other value in the cost data, so the figures are not narrowed by it. ", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_NotUnderstood_HelpCardWithExamplesFromTheData()
    {
        WeeklyFacts();

        var answer = await AskAsync("tell me a joke");

        Assert.Equal("help", answer.Card.Kind);
        var actions = Assert.Single(answer.Card.Blocks.OfType<ActionsBlock>()).Actions;
        Assert.Contains(actions, a => a.ActionId == QuestionAnswerer.AskExampleActionId && a.Payload["question"] == "How much did checkout spend last week?");
        Assert.Contains(actions, a => a.Payload["question"] == "Why did AWS spend change last month?");
        Assert.Empty(_store.Queries);
    }

    [Fact]
    public async Task AnswerAsync_Ambiguous_AsksBackWithResolvedQueries()
    {
        var catalog = new ValueCatalog(new Dictionary<Dimension, IReadOnlyList<string>>
        {
            [Dimension.Team] = ["data"],
            [Dimension.Account] = ["data"],
        });
        var parsed = new QuestionParser(catalog, CostCalendar.Default).Parse("data costs last week", Today);

        var answer = await Answerer.AnswerAsync(parsed, catalog, Today, CancellationToken.None);

        Assert.Equal("clarify", answer.Card.Kind);
        Assert.Equal("\"data\" matches more than one thing in the cost data: Team Data and Account data. Which did you mean?", answer.Text);
        var actions = Assert.Single(answer.Card.Blocks.OfType<ActionsBlock>()).Actions;
        Assert.Equal(2, actions.Count);
        Assert.All(actions, a => Assert.Equal(QuestionAnswerer.ClarifyActionId, a.ActionId));
        Assert.Contains("\"team\":[\"data\"]", actions[0].Payload["query"], StringComparison.Ordinal);
        Assert.Contains("\"account\":[\"data\"]", actions[1].Payload["query"], StringComparison.Ordinal);
        Assert.DoesNotContain("\"team\"", actions[1].Payload["query"], StringComparison.Ordinal);
        Assert.Empty(_store.Queries);
    }

    [Fact]
    public async Task AnswerAsync_SeveralCurrencies_MainCurrencyFirstOthersNoted()
    {
        WeeklyFacts().Add(new DateOnly(2026, 11, 18), 50m, "payments", currency: "EUR");

        var answer = await AskAsync("how much did payments spend last week");

        Assert.Equal("USD", answer.Currency);
        Assert.Equal(6880.66m, answer.Total);
        Assert.Contains("Also \u20ac50.00 from accounts billed in other currencies", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_NothingMatched_SaysZeroInStoreCurrency()
    {
        WeeklyFacts();

        var answer = await AskAsync("how much did payments spend in march");

        Assert.Equal(0m, answer.Total);
        Assert.StartsWith("Payments spent $0.00 in March (Mar 1-31, amortised)", answer.Text, StringComparison.Ordinal);
    }
}
