using System.Text.Json.Nodes;
using FinOps.Conversation;
using FinOps.Conversation.Answers;
using FinOps.Conversation.Approvals;
using FinOps.Conversation.Tests.Questions;
using FinOps.Core.Allocation;
using FinOps.Core.Approvals;
using FinOps.Core.Budgets;
using FinOps.Core.Forecasting;
using FinOps.Core.People;
using FinOps.Core.Query;
using FinOps.Slack.AppHome;
using FinOps.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Slack.Tests.AppHome;

public sealed class DirectoryHomeSourceTests
{
    private const string Rules = """
        version: 1
        teams:
          - key: payments
            owners:
              - email: pat@corp.example
                slack: U0PAT0001
          - key: search
            owners: [sam@corp.example]
        """;

    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    private static ServiceProvider Services()
    {
        var store = new FakeCostQueryService()
            .Add(new DateOnly(2026, 10, 30), 1000m, "payments")
            .Add(new DateOnly(2026, 11, 10), 40m, "payments")
            .Add(new DateOnly(2026, 11, 17), 70m, "payments")
            .Add(new DateOnly(2026, 11, 18), 500m, "search");
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<ICostQueryService>(store);
        services.AddSingleton<TimeProvider>(Clock);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection().Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(new AllocationRuleSource(AllocationRulesParser.Parse(Rules, "allocation.yaml")));
        services.AddConversation(configuration);
        return services.BuildServiceProvider();
    }

    private static DirectoryHomeSource Source(ServiceProvider services) =>
        new(services.GetRequiredService<PersonResolver>(), services.GetRequiredService<QuestionService>(), Clock);

    [Fact]
    public async Task GetAsync_TeamOwner_TheirTeamWithMonthToDateOnly()
    {
        using var services = Services();

        var summary = await Source(services).GetAsync("T1", "U0PAT0001", CancellationToken.None);

        Assert.True(summary.Known);
        var team = Assert.Single(summary.Teams);
        Assert.Equal("payments", team.Key);
        // November so far: October's 1000 and the other team's 500 are not in it.
        Assert.Equal(110m, team.MonthToDate);
        Assert.Equal("USD", team.Currency);
        Assert.Equal(DirectoryHomeSource.ExampleCount, summary.Examples.Count);
    }

    [Fact]
    public async Task GetAsync_UserNotInDirectory_UnknownWithExamples()
    {
        using var services = Services();

        var summary = await Source(services).GetAsync("T1", "U0NOBODY1", CancellationToken.None);

        Assert.False(summary.Known);
        Assert.Empty(summary.Teams);
        Assert.Equal(DirectoryHomeSource.ExampleCount, summary.Examples.Count);
        Assert.Equal("allocation.yaml", summary.DirectorySource);
    }

    [Fact]
    public async Task GetAsync_OwnerWithBudgetAndPendingRequest_BudgetLineAndApprovalWaitingOnTheHomeTab()
    {
        using var services = Services();
        var now = Clock.GetUtcNow();
        var november = new DateRange(new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 1));
        var budget = new BudgetStatus(
            "payments-month",
            "payments",
            new Dictionary<Dimension, IReadOnlyList<string>> { [Dimension.Team] = ["payments"] },
            november,
            CostMetric.EffectiveCost,
            "USD",
            100m,
            20m,
            110m,
            new CostForecast("USD", 110m, 150m, 140m, 160m, new DateOnly(2026, 11, 22)),
            BudgetState.AtRisk);
        var store = new InMemoryApprovalStore();
        var request = new ApprovalRequest(
            "r1", "payments-month", "payments", november, 500m, "USD", "launch traffic",
            new ApprovalParty("riley@corp.example", "Riley", "slack"), ApprovalStatus.Pending, null, 0, 0, now, now, null, null, null, null, 1);
        await store.CreateAsync(request, new ApprovalEvent(0, "r1", now, ApprovalEventKind.Requested, "riley@corp.example", null, null, 500m, "USD", "slack", null), default);
        var source = new DirectoryHomeSource(
            services.GetRequiredService<PersonResolver>(), services.GetRequiredService<QuestionService>(), Clock,
            new FixedBudgets(budget), store, new ApprovalPolicy(new ApprovalOptions()));

        var summary = await source.GetAsync("T1", "U0PAT0001", CancellationToken.None);

        var team = Assert.Single(summary.Teams);
        Assert.Equal("120.00 USD: at risk (actual 110.00, forecast 150.00)", team.Budget);
        Assert.Equal("payments: +500.00 USD requested by Riley (launch traffic)", Assert.Single(summary.ApprovalsWaiting!));
        var view = SlackHomeView.Home(summary);
        var text = view.ToJsonString();
        Assert.Contains("Approvals waiting for you", text, StringComparison.Ordinal);
        Assert.DoesNotContain("no budget set", text, StringComparison.Ordinal);
        CardOracle.AssertValidBlockKit(new JsonObject { ["text"] = "home", ["blocks"] = view["blocks"]!.DeepClone() });
    }

    [Fact]
    public async Task GetAsync_RequestDecidedOrForAnotherTeam_NothingWaiting()
    {
        using var services = Services();
        var now = Clock.GetUtcNow();
        var november = new DateRange(new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 1));
        var store = new InMemoryApprovalStore();
        var other = new ApprovalRequest(
            "r2", "search-month", "search", november, 500m, "USD", "re-index",
            new ApprovalParty("riley@corp.example", "Riley", "slack"), ApprovalStatus.Pending, null, 0, 0, now, now, null, null, null, null, 1);
        await store.CreateAsync(other, new ApprovalEvent(0, "r2", now, ApprovalEventKind.Requested, "riley@corp.example", null, null, 500m, "USD", "slack", null), default);
        var source = new DirectoryHomeSource(
            services.GetRequiredService<PersonResolver>(), services.GetRequiredService<QuestionService>(), Clock,
            new FixedBudgets(), store, new ApprovalPolicy(new ApprovalOptions()));

        var summary = await source.GetAsync("T1", "U0PAT0001", CancellationToken.None);

        Assert.Empty(summary.ApprovalsWaiting!);
        Assert.Null(Assert.Single(summary.Teams).Budget);
        Assert.Contains("no budget set", SlackHomeView.Home(summary).ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_KnownAndUnknown_AcceptedBySlackTypesOracle()
    {
        using var services = Services();
        var known = await Source(services).GetAsync("T1", "U0PAT0001", CancellationToken.None);
        var unknown = await Source(services).GetAsync("T1", "U0NOBODY1", CancellationToken.None);

        // The oracle checks a message's {text, blocks}; a home view's blocks are the same KnownBlock[].
        foreach (var view in new[] { SlackHomeView.Home(known), SlackHomeView.Home(unknown) })
        {
            Assert.Equal("home", view["type"]!.GetValue<string>());
            CardOracle.AssertValidBlockKit(new JsonObject { ["text"] = "home", ["blocks"] = view["blocks"]!.DeepClone() });
        }

        CardOracle.AssertValidBlockKit(new JsonObject { ["text"] = SlackHomeView.Welcome(known).Text, ["blocks"] = SlackHomeView.Welcome(known).Blocks.DeepClone() });
    }

    private sealed class FixedBudgets(params BudgetStatus[] statuses) : IBudgetStatusService
    {
        public Task<IReadOnlyList<BudgetStatus>> GetStatusAsync(DateOnly asOf, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<BudgetStatus>>(statuses);

        public Task<BudgetStatus?> FindAsync(string budgetId, DateOnly asOf, CancellationToken cancellationToken) =>
            Task.FromResult(statuses.FirstOrDefault(s => s.BudgetId == budgetId));
    }
}
