using System.Globalization;
using System.Text.Json.Nodes;
using FinOps.Bot.Scheduling;
using FinOps.Conversation;
using FinOps.Conversation.Budgets;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Charts;
using FinOps.Conversation.Messaging;
using FinOps.Conversation.Rendering;
using FinOps.Core.Allocation;
using FinOps.Core.Budgets;
using FinOps.Core.Forecasting;
using FinOps.Core.Query;
using FinOps.Core.Reliability;
using FinOps.Core.Subscriptions;
using FinOps.Slack;
using FinOps.Slack.BlockKit;
using FinOps.Storage;
using FinOps.Storage.Queue;
using FinOps.Storage.Reliability;
using FinOps.Teams.Cards;
using FinOps.Teams.Conversations;
using FinOps.Testing;
using FinOps.Testing.Budgets;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Bot.Tests.Scheduling;

/// <summary>Budget threshold alerts: who receives them, once per budget, period and threshold, across restarts.</summary>
public sealed class BudgetAlertTests : IDisposable
{
    private const string CompanyRules = """
        version: 1
        teams:
          - key: payments
            name: Payments
            owners:
              - email: pat@corp.example
                slack: U0PAT0001
            members: [mia@corp.example]
            channels:
              - slack: C0PAYMENTS
          - key: ledger
            owners: [lee@corp.example]
        budgets:
          - team: payments
            amount: 25000
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("finops-budget-alerts-").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 21, 7, 0, 0, TimeSpan.Zero));
    private readonly RecordingSender _playground = new("playground");
    private readonly RecordingSender _slack = new("slack");
    private readonly InMemorySubscriptionStore _subscriptions = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData("every morning")]
    [InlineData("0 0 25 * * ?")]
    [InlineData("")]
    public void Validate_BadDailyCron_FailsNamingTheSettingAndValue(string cron)
    {
        var result = new BudgetScheduleOptionsValidator().Validate(null, new BudgetOptions { DailyCron = cron });

        Assert.True(result.Failed);
        Assert.Contains($"Budgets:DailyCron '{cron}'", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadDailyCronWithAlertsOff_Succeeds()
    {
        Assert.True(new BudgetScheduleOptionsValidator().Validate(null, new BudgetOptions { DailyCron = "every morning", AlertsEnabled = false }).Succeeded);
        Assert.True(new BudgetScheduleOptionsValidator().Validate(null, new BudgetOptions()).Succeeded);
    }

    [Fact]
    public async Task Publish_CrossingsAcrossSimulatedRestart_EachThresholdOncePerRecipient()
    {
        await _subscriptions.SubscribeAsync(
            new ChannelSubscription("payments", SubscriptionTopic.Budgets, "slack", "C0ALERTS", "T0", "pat@corp.example", _clock.GetUtcNow()),
            new SubscriptionChange("payments", SubscriptionTopic.Budgets, "subscribe", "slack", "C0ALERTS", "T0", "pat@corp.example", _clock.GetUtcNow()),
            default);

        // 20 days of $1,000 known on 21 November: actual $20,000 = 80% of $25,000; run-rate forecast $30,000 > 100%.
        await using (var first = Services())
        {
            Assert.Equal(6, await PublishAsync(first, new DateOnly(2026, 11, 21)));
            Assert.Equal(0, await PublishAsync(first, new DateOnly(2026, 11, 21)));
        }

        // A new process over the same queue file: nothing is sent again, then the 100% crossing goes out once.
        await using (var second = Services())
        {
            Assert.Equal(0, await PublishAsync(second, new DateOnly(2026, 11, 22)));
            Assert.Equal(3, await PublishAsync(second, new DateOnly(2026, 11, 26)));
            Assert.Equal(0, await PublishAsync(second, new DateOnly(2026, 11, 27)));
        }

        var keys = _playground.Sent.Concat(_slack.Sent).Select(s => s.Key).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            [
                "budget:payments-month:2026-11-01:actual-100:playground:U0PAT0001",
                "budget:payments-month:2026-11-01:actual-100:slack:C0ALERTS",
                "budget:payments-month:2026-11-01:actual-100:slack:U0PAT0001",
                "budget:payments-month:2026-11-01:actual-80:playground:U0PAT0001",
                "budget:payments-month:2026-11-01:actual-80:slack:C0ALERTS",
                "budget:payments-month:2026-11-01:actual-80:slack:U0PAT0001",
                "budget:payments-month:2026-11-01:forecast-100:playground:U0PAT0001",
                "budget:payments-month:2026-11-01:forecast-100:slack:C0ALERTS",
                "budget:payments-month:2026-11-01:forecast-100:slack:U0PAT0001",
            ],
            keys);
        // The rules-file channel is for digests; budget alerts go to subscribers and owners only. Members get nothing.
        Assert.DoesNotContain(_slack.Sent, s => s.Address.Id == "C0PAYMENTS");
        Assert.DoesNotContain(_playground.Sent, s => s.Address.Id.StartsWith("mia", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Publish_FirstEvaluationAlreadyOver_OnlyTheHighestActualThresholdSent()
    {
        await using var services = Services();

        await PublishAsync(services, new DateOnly(2026, 11, 28));
        await PublishAsync(services, new DateOnly(2026, 11, 29));

        Assert.Equal(
            ["budget:payments-month:2026-11-01:actual-100:playground:U0PAT0001", "budget:payments-month:2026-11-01:forecast-100:playground:U0PAT0001"],
            _playground.Sent.Select(s => s.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Publish_NewPeriod_AlertsAgain()
    {
        await using var services = Services();

        await PublishAsync(services, new DateOnly(2026, 11, 28));
        await PublishAsync(services, new DateOnly(2026, 12, 28));

        Assert.Contains(_playground.Sent, s => s.Key == "budget:payments-month:2026-12-01:actual-100:playground:U0PAT0001");
    }

    [Fact]
    public async Task Publish_SendFailed_RetriedOnNextEvaluationOnly()
    {
        _slack.FailuresLeft = 1;
        await using var services = Services();

        await PublishAsync(services, new DateOnly(2026, 11, 21));
        await PublishAsync(services, new DateOnly(2026, 11, 21));
        await PublishAsync(services, new DateOnly(2026, 11, 21));

        Assert.Equal(2, _slack.Sent.Count);
        Assert.Equal(2, _slack.Sent.Select(s => s.Key).Distinct().Count());
    }

    [Fact]
    public async Task Publish_Card_LimitActualForecastChartDriversAndRequestIncreaseButton()
    {
        await using var services = Services();

        await PublishAsync(services, new DateOnly(2026, 11, 21));

        var card = _playground.Sent.Single(s => s.Key.Contains(":actual-80:", StringComparison.Ordinal)).Card;
        Assert.Equal(BudgetAlertCardComposer.CardKind, card.Kind);
        Assert.Equal("Budget alert: Payments has spent 80% of its November 2026 budget", Assert.IsType<TitleBlock>(card.Blocks[0]).Text);
        var facts = card.Blocks.OfType<FactsBlock>().Single().Facts.ToDictionary(f => f.Label, f => f.Value);
        Assert.Equal("$25,000.00", facts["Limit"]);
        Assert.Equal("$20,000.00 (80%)", facts["Actual to date"]);
        Assert.Equal("$30,000.00 (80% interval $29,000.00 – $31,000.00)", facts["Forecast"]);
        var chart = card.Blocks.OfType<ChartBlock>().Single().Spec;
        Assert.Equal(25_000m, chart.BudgetLine);
        Assert.Equal(20, chart.Bars.Count);
        Assert.Equal(20_000m, chart.Bars[^1].Value);
        var drivers = card.Blocks.OfType<CostTableBlock>().Single();
        Assert.Equal("EC2 (service)", drivers.Rows[0].Label);
        var button = Assert.Single(card.Blocks.OfType<ActionsBlock>().Single().Actions);
        Assert.Equal(BudgetActions.RequestIncrease, button.ActionId);
        Assert.Equal("payments-month", button.Payload[BudgetActions.BudgetIdKey]);
        Assert.Equal("2026-11-01", button.Payload[BudgetActions.PeriodStartKey]);
    }

    [Fact]
    public async Task Compose_AlertCard_PassesTheAdaptiveCardAndBlockKitOracles()
    {
        await using var services = Services();
        await PublishAsync(services, new DateOnly(2026, 11, 21));
        var card = _playground.Sent.First().Card;
        var formatter = MoneyFormatter.EnglishUnitedStates;

        var adaptive = new AdaptiveCardRenderer(formatter, NoChartImageUrlProvider.Instance).Render(card);
        var slack = new BlockKitRenderer(formatter, NoChartImageUrlProvider.Instance).Render(card);

        CardOracle.AssertValidAdaptiveCard(adaptive);
        CardOracle.AssertValidBlockKit(new JsonObject { ["text"] = slack.Text, ["blocks"] = slack.Blocks.DeepClone() });
    }

    [Fact]
    public void AddBudgetAlerts_WithDigests_OneQuartzHostedService()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().Build();
        services.AddScheduling(configuration);
        services.AddBudgetAlerts(configuration);

        Assert.Single(services, d => d.ServiceType == typeof(Microsoft.Extensions.Hosting.IHostedService)
            && (d.ImplementationType?.Name == "QuartzHostedService" || d.ImplementationFactory is not null && d.ImplementationType is null && d.ServiceKey is null && IsQuartz(d)));
    }

    private static bool IsQuartz(ServiceDescriptor d) => d.ImplementationFactory!.Method.DeclaringType?.Namespace?.StartsWith("Quartz", StringComparison.Ordinal) == true;

    private static async Task<int> PublishAsync(ServiceProvider services, DateOnly asOf)
    {
        using var scope = services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<BudgetAlertPublisher>().PublishAsync(asOf, CancellationToken.None);
    }

    private ServiceProvider Services()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Slack:BotToken"] = "xoxb-test",
                ["Digests:Enabled"] = "false",
                ["Budgets:AlertsEnabled"] = "false",
            })
            .Build();
        var storage = Options.Create(new StorageOptions { DatabasePath = Path.Combine(_folder, "finops.db") });
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton(sp => new QueueDatabase(storage, _clock));
        services.AddSingleton<IIdempotencyStore>(sp => new EfIdempotencyStore(sp.GetRequiredService<QueueDatabase>(), _clock));
        services.AddSingleton<ICostQueryService>(new EngineQueryService(Costs()));
        services.AddSingleton<ICostForecaster>(sp => new RunRateCostForecaster(sp.GetRequiredService<ICostQueryService>()));
        services.AddSingleton(new AllocationRuleSource(AllocationRulesParser.Parse(CompanyRules, "allocation.yaml")));
        services.AddSingleton<IBudgetStore>(new InMemoryBudgetStore(_clock));
        services.AddSingleton<BudgetRulesSync>();
        services.AddSingleton<ISubscriptionStore>(_subscriptions);
        services.AddSingleton<IConversationReferenceStore>(new InMemoryConversationReferenceStore());
        services.AddSingleton<IProactiveSender>(_playground);
        services.AddSingleton<IProactiveSender>(_slack);
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.SectionName);
        services.AddConversation(configuration);
        services.AddBudgetAlerts(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>Payments spends $1,000 a day from 1 October (EC2 $600 then $700 from November, RDS the rest); ledger $10 a day.</summary>
    private static CostQueryEngine Costs()
    {
        var b = new CostCubeBuilder();
        for (var day = new DateOnly(2026, 10, 1); day < new DateOnly(2027, 1, 1); day = day.AddDays(1))
        {
            var ec2 = day.Month == 10 ? 600m : 700m;
            Fact(b, day, "payments", "EC2", ec2);
            Fact(b, day, "payments", "RDS", 1_000m - ec2);
            Fact(b, day, "ledger", "EC2", 10m);
        }

        return new CostQueryEngine(b.Build(), new TagTeamAssignment());
    }

    private static void Fact(CostCubeBuilder b, DateOnly day, string team, string service, decimal cost) =>
        b.Add(new CostCubeFact(
            day,
            b.AddCurrency("USD"),
            b.AddTagSet(new Dictionary<string, string> { ["team"] = team }),
            b.AddValue(DimensionKind.Provider, "AWS"),
            b.AddValue(DimensionKind.Service, service),
            b.AddValue(DimensionKind.Category, "Compute"),
            b.AddValue(DimensionKind.Region, "us-east-1"),
            b.AddValue(DimensionKind.Account, "acct-" + team),
            b.AddValue(DimensionKind.BillingAccount, "billing"),
            b.AddValue(DimensionKind.Resource, "r-" + team + "-" + service),
            b.AddValue(DimensionKind.ChargeCategory, "Usage"),
            b.AddValue(DimensionKind.PricingCategory, "Standard"),
            cost,
            cost,
            cost,
            cost));

    private sealed class RecordingSender(string channel) : IProactiveSender
    {
        public List<(string Key, ConversationAddress Address, Card Card)> Sent { get; } = [];

        public int FailuresLeft { get; set; }

        public string Channel => channel;

        public Task<SentMessage> SendAsync(ConversationAddress conversation, Card card, string idempotencyKey, CancellationToken cancellationToken)
        {
            if (FailuresLeft > 0)
            {
                FailuresLeft--;
                throw new HttpRequestException("platform down");
            }

            Sent.Add((idempotencyKey, conversation, card));
            return Task.FromResult(new SentMessage(conversation, "m" + Sent.Count.ToString(CultureInfo.InvariantCulture)));
        }

        public Task UpdateAsync(SentMessage message, Card card, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class EngineQueryService(CostQueryEngine engine) : ICostQueryService
    {
        public Task<CostQueryResult> QueryAsync(CostQuery query, CancellationToken cancellationToken) => Task.FromResult(engine.Execute(query));

        public Task<IReadOnlyList<string>> GetDimensionValuesAsync(Dimension dimension, CancellationToken cancellationToken) =>
            Task.FromResult(engine.DimensionValues(dimension));

        public Task<DataCoverage?> GetCoverageAsync(CancellationToken cancellationToken) => Task.FromResult<DataCoverage?>(null);
    }
}
