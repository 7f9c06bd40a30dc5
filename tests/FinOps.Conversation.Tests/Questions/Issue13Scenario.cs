using System.Text.Json.Nodes;
using FinOps.Conversation.Answers;
using FinOps.Core.Query;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Conversation.Tests.Questions;

/// <summary>Issue 13's setting: December 3, 2026, with cost data through December 2 (and optionally a provider a day behind).</summary>
internal static class Issue13Scenario
{
    public static readonly DateOnly December3 = new(2026, 12, 3);

    /// <summary>
    /// Every day from Sep 1: payments $600 (grows to $650 in December), checkout $400 (shrinks to $250 in December) on AWS;
    /// with <paramref name="microsoftThrough"/>, search $100 a day on Microsoft until that day. AWS runs through <paramref name="awsThrough"/>.
    /// </summary>
    public static FakeCostQueryService Store(DateOnly awsThrough, DateOnly? microsoftThrough = null)
    {
        var last = microsoftThrough is { } m && m > awsThrough ? m : awsThrough;
        var store = new FakeCostQueryService
        {
            Coverage = new DataCoverage(new DateRange(new DateOnly(2026, 9, 1), last.AddDays(1)), new DateTimeOffset(2026, 12, 3, 6, 0, 0, TimeSpan.Zero), ["USD"]),
        };
        for (var day = new DateOnly(2026, 9, 1); day <= awsThrough; day = day.AddDays(1))
        {
            var december = day.Month == 12;
            store.Add(day, december ? 650m : 600m, "payments", resource: "i-pay");
            store.Add(day, december ? 250m : 400m, "checkout", service: "Amazon Relational Database Service", resource: "db-checkout");
        }

        for (var day = new DateOnly(2026, 9, 1); microsoftThrough is { } end && day <= end; day = day.AddDays(1))
        {
            store.Add(day, 100m, "search", service: "Virtual Machines", provider: "Microsoft", resource: "vm-search");
        }

        return store;
    }

    /// <summary>Asks through the whole pipeline (catalog, parser, answerer) as <c>ask --json --as-of</c> does.</summary>
    public static async Task<JsonNode> AskJsonAsync(
        FakeCostQueryService store, string question, DateOnly asOf, FakeBusinessMetrics? metrics = null, Core.Freshness.IDataFreshness? freshness = null)
    {
        var services = new ServiceCollection();
        if (freshness is not null)
        {
            services.AddSingleton(freshness);
        }

        if (metrics is not null)
        {
            services.AddSingleton<Core.UnitEconomics.IBusinessMetrics>(metrics);
        }

        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<ICostQueryService>(store);
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero)));
        var configuration = new ConfigurationBuilder().Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddConversation(configuration);
        using var provider = services.BuildServiceProvider();
        var output = new StringWriter();
        await AskCommandRunner.RunAsync(provider, question, asOf, json: true, TextReader.Null, output, CancellationToken.None);
        return JsonNode.Parse(output.ToString())!;
    }
}
