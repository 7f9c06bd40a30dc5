using System.Text.Json.Nodes;
using FinOps.Conversation.Answers;
using FinOps.Conversation.Questions;
using FinOps.Core.Calendar;
using FinOps.Core.Query;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Conversation.Tests.Questions;

/// <summary>Issue 12: periods no export can hold get a clear answer, never an exception or a silent "this month so far".</summary>
public sealed class AbsurdPeriodTests
{
    private readonly QuestionParser _parser = new(DemoCatalog.Catalog, CostCalendar.Default);

    [Theory]
    [InlineData("spend since 0001-01-01", "0001-01-01 is outside the years 2000 to 2099")]
    [InlineData("spend from 9999-12-31 to 0001-01-01", "9999-12-31 is outside the years 2000 to 2099")]
    [InlineData("spend last 99999999 days", "the last 99999999 days is more than the 400 days")]
    [InlineData("spend in Q99 9999", "there is no Q99: quarters are Q1 to Q4")]
    [InlineData("spend last 9999999999999 days", "the last 9999999999999 days is more than the 400 days")]
    [InlineData("spend in 1999", "1999 is outside the years 2000 to 2099")]
    [InlineData("spend in FY9999", "FY9999 is outside the years 2000 to 2099")]
    [InlineData("spend on 2026-13-45", "2026-13-45 is not a date")]
    [InlineData("spend the week of 9999-12-31", "9999-12-31 is outside the years 2000 to 2099")]
    [InlineData("spend from 2026-10-31 to 2026-10-01", "it ends on Oct 1, 2026, before it starts on Oct 31, 2026")]
    [InlineData("spend since 2026-12-25", "since Dec 25 starts after today (Nov 23, 2026)")]
    [InlineData("spend in the last 400 years", "last 400 years would run from 1626-01-01")]
    [InlineData("spend in the last 0 days", "the last 0 days contain no days")]
    [InlineData("spend in H3", "there is no H3: halves are H1 and H2")]
    [InlineData("spend on Feb 30", "Feb 30 is not a date")]
    [InlineData("spend on 31 june", "Jun 31 is not a date")]
    [InlineData("spend 120 years ago", "120 years ago would run from 1906-01-01")]
    public void Parse_AbsurdPeriod_ReportsTheProblemInsteadOfAPeriod(string text, string problem)
    {
        var parsed = _parser.Parse(text, DemoCatalog.AsOf);

        Assert.False(parsed.Understood);
        Assert.Null(parsed.Query);
        Assert.NotNull(parsed.PeriodProblem);
        Assert.Contains(problem, parsed.PeriodProblem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("spend since 2026-01-01")]
    [InlineData("spend in Q4 2025")]
    [InlineData("spend last 400 days")]
    [InlineData("spend from 2026-10-01 to 2026-10-31")]
    [InlineData("top 1000 resources last month")]
    [InlineData("spend on Feb 29 2024")]
    [InlineData("spend in H2 2025")]
    public void Parse_SensiblePeriod_HasNoProblem(string text)
    {
        var parsed = _parser.Parse(text, DemoCatalog.AsOf);

        Assert.True(parsed.Understood, text);
        Assert.Null(parsed.PeriodProblem);
    }

    [Theory]
    [InlineData("spend for account 1234-5678-9012 last month")]
    [InlineData("which accounts spent more than 5000 last month")]
    public void Parse_NumbersThatAreNotPeriods_AreNoProblem(string text)
    {
        var values = new Dictionary<Dimension, IReadOnlyList<string>>(DemoCatalog.Values) { [Dimension.Account] = ["1234-5678-9012", "prod"] };
        var parsed = new QuestionParser(new ValueCatalog(values), CostCalendar.Default).Parse(text, DemoCatalog.AsOf);

        Assert.Null(parsed.PeriodProblem);
        Assert.Equal(new DateOnly(2026, 10, 1), parsed.Query!.Period.Start);
    }

    [Theory]
    [InlineData("0001-01-01", "0001-01-05")]
    [InlineData("9999-12-01", "9999-12-31")]
    public void TryRead_QueryJsonWithPeriodOutsideTheYears_IsAnErrorNamingTheField(string start, string end)
    {
        var json = new JsonObject { ["intent"] = "compare", ["period"] = new JsonObject { ["start"] = start, ["end"] = end } };

        var ok = QueryJson.TryRead(json, DemoCatalog.Catalog, out _, out _, out var error);

        Assert.False(ok);
        Assert.Equal("period: dates must lie in the years 2000 to 2099", error);
    }

    [Fact]
    public void Parse_TodayOutsideTheYears_ReportsTheProblem()
    {
        var parsed = _parser.Parse("spend yesterday", DateOnly.MinValue);

        Assert.Contains("today (0001-01-01) is outside the years", parsed.PeriodProblem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("since 0001-01-01")]
    [InlineData("from 9999-12-31 to 0001-01-01")]
    [InlineData("last 99999999 days")]
    [InlineData("Q99 9999")]
    [InlineData("how much did payments spend between 9999-12-30 and 9999-12-31")]
    public async Task RunAsync_AbsurdPeriod_AnswersThatThePeriodCannotBeUsed(string question)
    {
        var store = new FakeCostQueryService
        {
            Coverage = new DataCoverage(new DateRange(new DateOnly(2026, 1, 1), new DateOnly(2026, 11, 23)), new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero), ["USD"]),
        }.Add(new DateOnly(2026, 11, 18), 100m, "payments");
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<ICostQueryService>(store);
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)));
        var configuration = new ConfigurationBuilder().Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddConversation(configuration);
        using var provider = services.BuildServiceProvider();
        var output = new StringWriter();

        var code = await AskCommandRunner.RunAsync(provider, question, new DateOnly(2026, 11, 23), json: true, TextReader.Null, output, CancellationToken.None);

        Assert.Equal(AskCommandRunner.Success, code);
        var json = JsonNode.Parse(output.ToString())!;
        Assert.False(json["understood"]!.GetValue<bool>());
        Assert.Null(json["query"]);
        Assert.StartsWith("I can't use that period: ", json["answer"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(store.Queries);
    }
}
