using System.Text.Json.Nodes;
using FinOps.Conversation.Answers;
using FinOps.Core.Query;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Conversation.Tests.Questions;

public sealed class AskCommandRunnerTests
{
    private static ServiceProvider Services(FakeCostQueryService store)
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<ICostQueryService>(store);
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 12, 30, 9, 0, 0, TimeSpan.Zero)));
        var configuration = new ConfigurationBuilder().Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddConversation(configuration);
        return services.BuildServiceProvider();
    }

    private static FakeCostQueryService Store() => new FakeCostQueryService
    {
        Coverage = new DataCoverage(new DateRange(new DateOnly(2026, 1, 1), new DateOnly(2026, 11, 23)), new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero), ["USD"]),
    }
        .Add(new DateOnly(2026, 11, 18), 100.5m, "payments")
        .Add(new DateOnly(2026, 11, 19), 40m, "checkout", service: "Amazon Relational Database Service")
        .Add(new DateOnly(2026, 11, 10), 90m, "payments");

    [Fact]
    public async Task RunAsync_Json_WritesExactContractObject()
    {
        using var services = Services(Store());
        var output = new StringWriter();

        var code = await AskCommandRunner.RunAsync(services, "@finops spend by team last week", new DateOnly(2026, 11, 23), json: true, TextReader.Null, output, CancellationToken.None);

        Assert.Equal(0, code);
        var expected = JsonNode.Parse("""
            {"question": "@finops spend by team last week", "understood": true,
             "query": {"intent": "breakdown", "metric": "EffectiveCost", "period": {"start": "2026-11-16", "end": "2026-11-23"},
                       "comparePeriod": null, "filters": {}, "groupBy": ["team"], "granularity": null, "top": null},
             "answer": {"currency": "USD", "total": 140.5, "compareTotal": null,
                        "rows": [{"key": {"team": "payments"}, "value": 100.5, "compareValue": null, "share": 0.7153},
                                 {"key": {"team": "checkout"}, "value": 40, "compareValue": null, "share": 0.2847}],
                        "text": "Total spend was $140.50 last week (Nov 16-22, amortised); Payments was the largest team at $100.50 (72%).",
                        "dataThrough": "2026-11-22"}}
            """);
        var line = Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(line)), line);
    }

    [Fact]
    public async Task RunAsync_Compare_RecentPeriodPrimaryWithCompareValues()
    {
        using var services = Services(Store());
        var output = new StringWriter();

        await AskCommandRunner.RunAsync(services, "payments spend last week vs the week before by team", new DateOnly(2026, 11, 23), json: true, TextReader.Null, output, CancellationToken.None);

        var answer = JsonNode.Parse(output.ToString())!["answer"]!;
        Assert.Equal(100.5m, answer["total"]!.GetValue<decimal>());
        Assert.Equal(90m, answer["compareTotal"]!.GetValue<decimal>());
        Assert.Equal(90m, answer["rows"]![0]!["compareValue"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task RunAsync_Trend_RowsKeyedByDate()
    {
        using var services = Services(Store());
        var output = new StringWriter();

        await AskCommandRunner.RunAsync(services, "daily spend last week", new DateOnly(2026, 11, 23), json: true, TextReader.Null, output, CancellationToken.None);

        var rows = JsonNode.Parse(output.ToString())!["answer"]!["rows"]!.AsArray();
        Assert.Equal(["2026-11-18", "2026-11-19"], rows.Select(r => r!["key"]!["date"]!.GetValue<string>()));
        Assert.Equal("day", JsonNode.Parse(output.ToString())!["query"]!["granularity"]!.GetValue<string>());
    }

    [Fact]
    public async Task RunAsync_Stdin_OneJsonObjectPerLineInOrder()
    {
        using var services = Services(Store());
        var output = new StringWriter();
        var input = new StringReader("how much did payments spend last week\n\ntell me a joke\nspend by team last week\n");

        var code = await AskCommandRunner.RunAsync(services, "-", new DateOnly(2026, 11, 23), json: true, input, output, CancellationToken.None);

        Assert.Equal(0, code);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal("how much did payments spend last week", lines[0]["question"]!.GetValue<string>());
        Assert.False(lines[1]["understood"]!.GetValue<bool>());
        Assert.Null(lines[1]["query"]);
        Assert.Equal("breakdown", lines[2]["query"]!["intent"]!.GetValue<string>());
    }

    [Fact]
    public async Task RunAsync_PlainText_WritesAnswerText()
    {
        using var services = Services(Store());
        var output = new StringWriter();

        await AskCommandRunner.RunAsync(services, "how much did payments spend last week", new DateOnly(2026, 11, 23), json: false, TextReader.Null, output, CancellationToken.None);

        Assert.Equal("Payments spent $100.50 last week (Nov 16-22, amortised), up 12% on the week before.", output.ToString().Trim());
    }

    [Fact]
    public async Task RunAsync_PlainTextBreakdown_WritesTheTableUnderTheAnswer()
    {
        using var services = Services(Store());
        var output = new StringWriter();

        await AskCommandRunner.RunAsync(services, "spend by team last week", new DateOnly(2026, 11, 23), json: false, TextReader.Null, output, CancellationToken.None);

        var lines = output.ToString().TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.StartsWith("Total spend was $140.50 last week", lines[0], StringComparison.Ordinal);
        Assert.Equal("", lines[1]);
        Assert.Matches(@"^Team\s+Amount", lines[2]);
        Assert.Matches(@"^Payments\s+\$100\.50", lines[4]);
        Assert.Matches(@"^Checkout\s+\$40\.00", lines[5]);
        Assert.Contains(lines, l => l.StartsWith("Total", StringComparison.Ordinal) && l.Contains("$140.50", StringComparison.Ordinal));
        // Amounts line up on their last digit.
        Assert.Equal(lines[4].IndexOf("$100.50", StringComparison.Ordinal) + "$100.50".Length, lines[5].IndexOf("$40.00", StringComparison.Ordinal) + "$40.00".Length);
    }

    [Fact]
    public async Task RunAsync_NoAsOf_UsesTimeProviderToday()
    {
        using var services = Services(Store());
        var output = new StringWriter();

        await AskCommandRunner.RunAsync(services, "spend yesterday", null, json: true, TextReader.Null, output, CancellationToken.None);

        Assert.Equal("2026-12-29", JsonNode.Parse(output.ToString())!["query"]!["period"]!["start"]!.GetValue<string>());
    }

    [Fact]
    public async Task RunAsync_EmptyQuestion_ReturnsUsageError()
    {
        using var services = Services(Store());

        var code = await AskCommandRunner.RunAsync(services, " ", null, json: true, TextReader.Null, new StringWriter(), CancellationToken.None);

        Assert.Equal(AskCommandRunner.UsageError, code);
    }
}
