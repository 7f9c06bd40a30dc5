using System.Text.Json.Nodes;

namespace FinOps.Conversation.Tests.Questions;

/// <summary>Issue 13, unit economics: unit-cost questions through the whole ask pipeline (catalog, parser, answerer, JSON).</summary>
/// <remarks>
/// Costs are <see cref="Issue13Scenario"/>'s (payments $600 a day, checkout $400, data through Dec 2, asked on Dec 3).
/// Metrics: company-wide orders 1,000 a day in Sep-Oct, 1,250 in Nov, 1,000 on Dec 1 only; checkout's own orders 100 a day;
/// payments' transactions 2,000 / 2,500 / 3,000 a day in Sep / Oct / Nov; company-wide active users 20,000 a day, 25,000 in Nov.
/// </remarks>
public sealed class UnitCostAnswerTests
{
    private static readonly DateOnly Sep1 = new(2026, 9, 1);
    private static readonly DateOnly Sep30 = new(2026, 9, 30);
    private static readonly DateOnly Oct1 = new(2026, 10, 1);
    private static readonly DateOnly Oct31 = new(2026, 10, 31);
    private static readonly DateOnly Nov1 = new(2026, 11, 1);
    private static readonly DateOnly Nov30 = new(2026, 11, 30);
    private static readonly DateOnly Dec1 = new(2026, 12, 1);
    private static readonly DateOnly Dec2 = new(2026, 12, 2);

    private static FakeBusinessMetrics Metrics() => new FakeBusinessMetrics()
        .Daily("orders", null, Sep1, Oct31, 1_000m).Daily("orders", null, Nov1, Nov30, 1_250m).Daily("orders", null, Dec1, Dec1, 1_000m)
        .Daily("orders", "checkout", Sep1, Dec2, 100m)
        .Daily("transactions", "payments", Sep1, Sep30, 2_000m).Daily("transactions", "payments", Oct1, Oct31, 2_500m).Daily("transactions", "payments", Nov1, Nov30, 3_000m)
        .Daily("active_users", null, Sep1, Oct31, 20_000m).Daily("active_users", null, Nov1, Dec2, 25_000m);

    private static Task<JsonNode> AskAsync(string question, FakeBusinessMetrics? metrics = null) =>
        Issue13Scenario.AskJsonAsync(Issue13Scenario.Store(Dec2), question, Issue13Scenario.December3, metrics ?? Metrics());

    [Fact]
    public async Task AskJson_CostPer1000OrdersLastMonth_DividesNovemberCostByNovemberOrdersAndComparesWithOctober()
    {
        var json = await AskAsync("cost per 1,000 orders last month");

        var answer = json["answer"]!;
        Assert.Equal("unitcost", json["query"]!["intent"]!.GetValue<string>());
        // November: $30,000 over 37,500 orders = $800 per 1,000; October: $31,000 over 31,000 = $1,000.
        Assert.Equal(800m, answer["total"]!.GetValue<decimal>());
        Assert.Equal(1_000m, answer["compareTotal"]!.GetValue<decimal>());
        var unit = answer["unitCost"]!;
        Assert.Equal(30_000m, unit["cost"]!.GetValue<decimal>());
        Assert.Equal(37_500m, unit["volume"]!.GetValue<decimal>());
        Assert.Equal(1_000, unit["scale"]!.GetValue<int>());
        Assert.Null(unit["team"]);
        var text = answer["text"]!.GetValue<string>();
        Assert.StartsWith("Cost per 1,000 orders last month (Nov 1-30, amortised) was $800.00: $30,000.00 of cost over 37,500 orders, down 20%", text, StringComparison.Ordinal);
        Assert.Contains("company-wide orders", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskJson_PaymentsCostPerTransactionTrend_GivesOneUnitCostPerMonthFromTeamMetric()
    {
        var json = await AskAsync("payments cost per transaction trend");

        var answer = json["answer"]!;
        var rows = answer["rows"]!.AsArray();
        Assert.Equal(["2026-09-01", "2026-10-01", "2026-11-01"], rows.Select(r => r!["key"]!["date"]!.GetValue<string>()));
        Assert.Equal([0.30m, 0.24m, 0.20m], rows.Select(r => r!["value"]!.GetValue<decimal>()));
        Assert.Equal("payments", answer["unitCost"]!["team"]!.GetValue<string>());
        var text = answer["text"]!.GetValue<string>();
        Assert.Contains("team Payments' own transactions", text, StringComparison.Ordinal);
        // The last 6 months, cut to the months with transactions: like-for-like, not Jun-Aug at zero volume.
        Assert.Contains("The figures cover Sep 1-Nov 30 only", text, StringComparison.Ordinal);
        Assert.StartsWith("Payments' cost per transaction by month", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskJson_UnitCostOfCheckoutPerOrderThisQuarter_UsesCheckoutsOwnOrders()
    {
        var json = await AskAsync("unit cost of checkout per order this quarter");

        var unit = json["answer"]!["unitCost"]!;
        Assert.Equal("checkout", unit["team"]!.GetValue<string>());
        // Oct $12,400 + Nov $12,000 + Dec 1-2 $500 over 63 days x 100 orders.
        Assert.Equal(24_900m, unit["cost"]!.GetValue<decimal>());
        Assert.Equal(6_300m, unit["volume"]!.GetValue<decimal>());
        Assert.Equal(1, unit["scale"]!.GetValue<int>());
        Assert.Equal(24_900m / 6_300m, unit["value"]!.GetValue<decimal>());
        Assert.StartsWith("Checkout's cost per order this quarter", json["answer"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskJson_CostPerActiveUserByMonth_ScalesToPer1000AndTrendsByMonth()
    {
        var json = await AskAsync("cost per active user by month");

        var answer = json["answer"]!;
        Assert.Equal(1_000, answer["unitCost"]!["scale"]!.GetValue<int>());
        Assert.Equal([50m, 50m, 40m], answer["rows"]!.AsArray().Select(r => r!["value"]!.GetValue<decimal>()));
        Assert.Contains("per 1,000 active users by month", answer["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskJson_MetricEndsBeforeCost_CutsBothPeriodsToTheSameDaysAndSaysSo()
    {
        var json = await AskAsync("cost per order this month");

        var answer = json["answer"]!;
        // Orders stop on Dec 1 although cost runs through Dec 2: Dec 1 ($900 / 1,000) against Nov 1 ($1,000 / 1,250).
        Assert.Equal(0.9m, answer["total"]!.GetValue<decimal>());
        Assert.Equal(0.8m, answer["compareTotal"]!.GetValue<decimal>());
        Assert.Contains("cover Dec 1 only", answer["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskJson_TeamWithoutOwnMetric_UsesCompanyWideMetricAndSaysSo()
    {
        var json = await AskAsync("payments cost per order last month");

        var answer = json["answer"]!;
        Assert.Null(answer["unitCost"]!["team"]);
        Assert.Equal(18_000m / 37_500m, answer["total"]!.GetValue<decimal>());
        Assert.Contains("Payments has no orders count of its own, so the company-wide count is used.", answer["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskJson_CompanyQuestionForOneTeamsMetric_NarrowsCostToThatTeamAndSaysSo()
    {
        var json = await AskAsync("cost per transaction last month");

        var answer = json["answer"]!;
        Assert.Equal(18_000m / 90_000m, answer["total"]!.GetValue<decimal>());
        Assert.Contains("Transactions are counted by team Payments only", answer["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskJson_NoSuchMetric_NamesTheMetricsThatExistAndGivesNoFigure()
    {
        var json = await AskAsync("cost per widget last month");

        var answer = json["answer"]!;
        Assert.Null(answer["total"]);
        Assert.Null(answer["unitCost"]);
        var text = answer["text"]!.GetValue<string>();
        Assert.StartsWith("There is no business metric called \"widget\"", text, StringComparison.Ordinal);
        Assert.Contains("active users (company-wide); orders (company-wide and team Checkout); transactions (team Payments)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("$", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskJson_NoMetricsImported_SaysHowToImportAndGivesNoFigure()
    {
        var json = await AskAsync("cost per 1,000 orders last month", new FakeBusinessMetrics());

        var text = json["answer"]!["text"]!.GetValue<string>();
        Assert.Null(json["answer"]!["total"]);
        Assert.StartsWith("No business metrics have been imported yet", text, StringComparison.Ordinal);
        Assert.Contains("metrics import", text, StringComparison.Ordinal);
    }
}
