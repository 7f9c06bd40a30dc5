using System.Text.Json.Nodes;
using FinOps.Conversation.Answers;
using FinOps.Conversation.Questions;
using FinOps.Core.Calendar;
using Microsoft.Extensions.Logging.Abstractions;

namespace FinOps.Conversation.Tests.Questions;

/// <summary>
/// Issue 13's question kinds through parser, answerer and the real engine. October 2026: every day AWS (payments)
/// $100 effective ($150 list, $120 contracted) and Azure (search) $50; $30 unused commitment on Oct 5 in a service
/// named like a savings plan; $10 tax on Oct 31. 22 weekdays, 9 weekend days; total $4,690.
/// </summary>
public sealed class QuestionKindsAnswerTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private readonly EngineCostQueryService _store = new();

    public QuestionKindsAnswerTests()
    {
        for (var day = new DateOnly(2026, 10, 1); day <= new DateOnly(2026, 11, 22); day = day.AddDays(1))
        {
            _store.Add(day, 100m, "payments", list: 150m, contracted: 120m);
            _store.Add(day, 50m, "search", provider: "Microsoft", service: "Azure Virtual Machines", environment: day.Day % 2 == 0 ? "dev" : "prod");
        }

        _store.Add(new DateOnly(2026, 10, 5), 30m, "payments", service: "Savings Plans for AWS Compute usage", list: 0m, contracted: 0m, status: "Unused");
        _store.Add(new DateOnly(2026, 10, 31), 10m, "payments", chargeCategory: "Tax");
    }

    private async Task<QuestionAnswer> AskAsync(string text)
    {
        var catalog = await ValueCatalog.LoadAsync(_store, [], CancellationToken.None);
        var parsed = new QuestionParser(catalog, CostCalendar.Default).Parse(text, Today);
        return await new QuestionAnswerer(_store, NullLogger<QuestionAnswerer>.Instance).AnswerAsync(parsed, catalog, Today, CancellationToken.None);
    }

    [Fact]
    public async Task AnswerAsync_AverageDailySpend_DividesByTheDays()
    {
        var answer = await AskAsync("average daily spend last month");

        Assert.StartsWith("Average daily spend was $151.29 last month (Oct 1-31, amortised): $4,690.00 over 31 days.", answer.Text, StringComparison.Ordinal);
        Assert.Equal(151.29m, answer.Total);
        var json = AskJson.Write(answer);
        Assert.Equal("averagePerDay", json["query"]!["measure"]!.GetValue<string>());
        Assert.Equal(31m, json["answer"]!["average"]!["days"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task AnswerAsync_AverageMonthlySpend_UsesCompleteMonthsOnly()
    {
        var answer = await AskAsync("average monthly spend this year");

        // October is the only complete month with data in 2026 before November: Jan-Sep are empty but complete.
        Assert.StartsWith("Average monthly spend was ", answer.Text, StringComparison.Ordinal);
        Assert.Contains("over 10 complete months", answer.Text, StringComparison.Ordinal);
        Assert.Equal(469m, answer.Total);
    }

    [Fact]
    public async Task AnswerAsync_WhatShareIsAzure_GivesPercentOfAllSpend()
    {
        var answer = await AskAsync("what share of our spend is azure last month");

        Assert.StartsWith("Microsoft was 33% of all spend last month (Oct 1-31, amortised): $1,550.00 of $4,690.00.", answer.Text, StringComparison.Ordinal);
        var share = AskJson.Write(answer)["answer"]!["share"]!;
        Assert.Equal(0.3305m, share["value"]!.GetValue<decimal>());
        Assert.Equal(4690m, share["of"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task AnswerAsync_BreakdownAsPercentage_EveryRowHasItsShare()
    {
        var answer = await AskAsync("spend by provider as a percentage last month");

        var rows = AskJson.Write(answer)["answer"]!["rows"]!.AsArray();
        Assert.Equal(2, rows.Count);
        Assert.Equal(0.6695m, rows[0]!["share"]!.GetValue<decimal>());
        Assert.Equal(0.3305m, rows[1]!["share"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task AnswerAsync_WeekendSpend_CountsSaturdaysAndSundaysOnly()
    {
        var answer = await AskAsync("spend on weekends last month");

        Assert.StartsWith("Spend on weekends cost $1,360.00 last month (Oct 1-31, amortised)", answer.Text, StringComparison.Ordinal);
        Assert.Equal(1360m, answer.Total);
    }

    [Fact]
    public async Task AnswerAsync_WeekendVsWeekday_ComparesPerDay()
    {
        var answer = await AskAsync("weekend vs weekday spend last month");

        Assert.StartsWith("Weekdays cost $3,330.00 last month (Oct 1-31, amortised; 22 days, $151.36 a day) and weekends $1,360.00 (9 days, $151.11 a day)", answer.Text, StringComparison.Ordinal);
        Assert.Equal(["weekdays", "weekends"], answer.Rows.Select(r => r.Key[0].Value));
        Assert.Equal(4690m, answer.Total);
    }

    [Theory]
    [InlineData("everything except aws last month", 1550)]
    [InlineData("spend excluding tax last month", 4680)]
    [InlineData("non-production spend last month", 750)]
    [InlineData("spend without payments last month", 1550)]
    public async Task AnswerAsync_Exclusion_LeavesTheValueOutAndSaysSo(string question, int expected)
    {
        var answer = await AskAsync(question);

        Assert.Equal(expected, answer.Total);
        Assert.Contains("excluding ", answer.Text.Split('.')[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_Savings_ListContractedAndEffectiveTheFocusWay()
    {
        var answer = await AskAsync("how much did savings plans save us last month");

        Assert.StartsWith("Commitments and negotiated rates saved $1,520.00 last month (Oct 1-31), an effective savings rate of 24%", answer.Text, StringComparison.Ordinal);
        Assert.Equal(1520m, answer.Total);
        var savings = AskJson.Write(answer)["answer"]!["savings"]!;
        Assert.Equal(6210m, savings["listCost"]!.GetValue<decimal>());
        Assert.Equal(5280m, savings["contractedCost"]!.GetValue<decimal>());
        Assert.Equal(930m, savings["negotiatedSavings"]!.GetValue<decimal>());
        Assert.Equal(590m, savings["commitmentSavings"]!.GetValue<decimal>());
        Assert.Equal(30m, savings["unusedCommitmentCost"]!.GetValue<decimal>());

        // The service named like a savings plan never became a filter.
        Assert.All(_store.Queries, q => Assert.Empty(q.Filters));
    }

    [Fact]
    public async Task AnswerAsync_EffectiveSavingsRate_LeadsWithTheRate()
    {
        var answer = await AskAsync("what was our effective savings rate last month");

        Assert.StartsWith("The effective savings rate was 24% last month", answer.Text, StringComparison.Ordinal);
        Assert.Equal(1520m, answer.Total);
        Assert.Equal(0.2448m, AskJson.Write(answer)["answer"]!["savings"]!["effectiveSavingsRate"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task AnswerAsync_UnusedCommitment_SumsCommitmentDiscountStatusUnused()
    {
        var answer = await AskAsync("unused commitment cost last month");

        Assert.StartsWith("Unused commitment cost $30.00 last month (Oct 1-31)", answer.Text, StringComparison.Ordinal);
        Assert.Equal(30m, answer.Total);
    }

    [Fact]
    public async Task AnswerAsync_SavingsWithoutListPrices_SaysSoInsteadOfZero()
    {
        var store = new EngineCostQueryService().Add(new DateOnly(2026, 10, 1), 100m, "payments", list: 0m, contracted: 0m);
        var catalog = await ValueCatalog.LoadAsync(store, [], CancellationToken.None);
        var parsed = new QuestionParser(catalog, CostCalendar.Default).Parse("savings last month", Today);

        var answer = await new QuestionAnswerer(store, NullLogger<QuestionAnswerer>.Instance).AnswerAsync(parsed, catalog, Today, CancellationToken.None);

        Assert.StartsWith("The cost data has no list or contracted prices last month", answer.Text, StringComparison.Ordinal);
        Assert.Null(answer.Total);
    }

    [Theory]
    [InlineData("median daily spend last month", "median", "average daily spend last month")]
    [InlineData("hourly cost of ec2 yesterday", "hourly", "daily cost of ec2 yesterday")]
    [InlineData("spend except gpus last month", "except gpus", "spend last month")]
    public async Task AnswerAsync_WordThatCannotBeApplied_AsksBackWithOptions(string question, string word, string option)
    {
        var answer = await AskAsync(question);

        Assert.StartsWith($"I can't apply \"{word}\": ", answer.Text, StringComparison.Ordinal);
        Assert.Empty(_store.Queries);
        var json = AskJson.Write(answer);
        Assert.False(json["understood"]!.GetValue<bool>());
        Assert.Null(json["query"]);
        Assert.Contains(json["answer"]!["clarify"]!.AsArray(), o => o!["question"]!.GetValue<string>() == option);
    }

    [Fact]
    public async Task AnswerAsync_Median_OffersTheAverageOrTheDailyFigures()
    {
        var answer = await AskAsync("median daily spend last month");

        Assert.Equal("I can't apply \"median\": answers give totals, averages and shares, not medians. Did you mean \"average daily spend last month\" or \"daily spend last month\"?", answer.Text);
        Assert.Equal(["average daily spend last month", "daily spend last month"], answer.Clarify!.Select(o => o.Question));
    }

    [Fact]
    public async Task AnswerAsync_AverageOfAComparison_AsksBackRatherThanDroppingIt()
    {
        var answer = await AskAsync("average daily spend this month vs last month");

        Assert.StartsWith("I can't apply \"average\": ", answer.Text, StringComparison.Ordinal);
        Assert.False(AskJson.Write(answer)["understood"]!.GetValue<bool>());
    }

    [Fact]
    public async Task AnswerAsync_MonthRangePerMonth_IsATrendOverTheRange()
    {
        var answer = await AskAsync("aws per month from september to october");

        var json = AskJson.Write(answer);
        Assert.Equal("trend", json["query"]!["intent"]!.GetValue<string>());
        Assert.Equal("2026-09-01", json["query"]!["period"]!["start"]!.GetValue<string>());
        Assert.Equal("2026-11-01", json["query"]!["period"]!["end"]!.GetValue<string>());
        Assert.Equal(3140m, answer.Total);
    }

    [Theory]
    [InlineData("how much did r-payments-1 cost last month", 3140)]
    [InlineData("what did resource r-search-1 cost in october", 1550)]
    public async Task AnswerAsync_ResourceIdTyped_FiltersOnThatResource(string question, int expected)
    {
        var answer = await AskAsync(question);

        Assert.Equal(expected, answer.Total);
        Assert.Contains("on resource r-", answer.Text.Split('.')[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_UnknownResourceId_SaysItIsNotInTheDataInsteadOfZero()
    {
        var answer = await AskAsync("how much did i-0abc123 cost last month");

        Assert.StartsWith("I can't find a resource \"i-0abc123\" in the cost data", answer.Text, StringComparison.Ordinal);
        Assert.Null(answer.Total);
        Assert.False(AskJson.Write(answer)["understood"]!.GetValue<bool>());
    }

    [Fact]
    public async Task AnswerAsync_AmbiguousWord_ClarifyListsTheChoicesAndClaimsNoFilters()
    {
        var store = new EngineCostQueryService()
            .Add(new DateOnly(2026, 10, 1), 100m, "data", account: "data")
            .Add(new DateOnly(2026, 10, 1), 100m, "payments", account: "sandbox");
        var catalog = await ValueCatalog.LoadAsync(store, [], CancellationToken.None);
        var parsed = new QuestionParser(catalog, CostCalendar.Default).Parse("data costs last month", Today);
        Assert.NotEmpty(parsed.Ambiguities);

        var answer = await new QuestionAnswerer(store, NullLogger<QuestionAnswerer>.Instance).AnswerAsync(parsed, catalog, Today, CancellationToken.None);

        var json = AskJson.Write(answer);
        Assert.False(json["understood"]!.GetValue<bool>());
        Assert.Null(json["query"]);
        var options = json["answer"]!["clarify"]!.AsArray();
        Assert.True(options.Count >= 2);
        Assert.All(options, o => Assert.IsType<JsonObject>(o!["query"]));
    }
}
