using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using FinOps.Bot.Hosting;
using FinOps.Bot.Scheduling;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Messaging;
using FinOps.Core.Allocation;
using FinOps.Core.Query;
using FinOps.Core.Reliability;
using FinOps.Slack;
using FinOps.Teams.Conversations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Bot.Tests.Scheduling;

/// <summary>
/// Digests to Teams channels named in the rules file (<c>teams: "Cost - Payments"</c>), and to the owners' personal
/// chats in Slack and Teams when a team has nothing configured.
/// </summary>
public sealed class TeamsChannelDigestRoutingTests : IDisposable
{
    private const string Tenant = "tenant-1";
    private const string PaymentsChannel = "19:0b7f32667e064dd9b25d7969801541f4@thread.tacv2";

    private const string CompanyRules = """
        version: 1
        teams:
          - key: payments
            owners:
              - email: pat@corp.example
                slack: U0PAT0001
                entra: 11111111-1111-1111-1111-111111111111
            channels:
              - slack: C0PAYMENTS
              - teams: "Cost - Payments"
          - key: search
            owners:
              - email: sam@corp.example
                slack: U0SAM0001
                entra: 22222222-2222-2222-2222-222222222222
            channels:
              - teams: "Cost - Serch"
          - key: data
            owners:
              - email: dora@corp.example
                slack: U0DORA001
                entra: 33333333-3333-3333-3333-333333333333
              - email: dan@corp.example
                slack: W0DAN0001
                entra: 44444444-4444-4444-4444-444444444444
        """;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly RecordingSender _slack = new("slack");
    private readonly RecordingSender _teams = new("teams");
    private readonly RecordingTargets _targets = new();
    private readonly CapturingLogs _logs = new();

    [Fact]
    public async Task Publish_TeamsChannelByName_NewConversationInTheStoredChannelOnly()
    {
        await using var services = await ServicesAsync();

        await PublishAsync(services);

        var post = Assert.Single(_targets.ChannelPosts);
        Assert.Equal(PaymentsChannel, post.Channel.ChannelId);
        Assert.Equal("digest:payments:2026-11-16:teams:" + PaymentsChannel, post.Key);
        Assert.Contains("for team payments", post.Card.FallbackText + string.Concat(post.Card.Blocks.OfType<ContextBlock>().Select(b => b.Text)), StringComparison.Ordinal);
        Assert.DoesNotContain(_teams.Sent, s => s.Key.Contains(PaymentsChannel, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Publish_UnknownTeamsChannelName_WarningNamesItAndCountedAsUnroutable()
    {
        await using var services = await ServicesAsync();
        var meterFactory = services.GetRequiredService<IMeterFactory>();
        var unroutable = new ConcurrentBag<(long Value, string? Channel)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "finops.digests.unroutable" && ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, v, tags, _) =>
        {
            string? channel = null;
            foreach (var (key, value) in tags)
            {
                channel = key == "channel" ? value as string : channel;
            }

            unroutable.Add((v, channel));
        });
        listener.Start();

        await PublishAsync(services);

        var warning = Assert.Single(_logs.Messages, m => m.Level == LogLevel.Warning && m.Text.Contains("'Cost - Serch'", StringComparison.Ordinal));
        Assert.Contains("team search", warning.Text, StringComparison.Ordinal);
        Assert.Contains("unknown", warning.Text, StringComparison.Ordinal);
        Assert.Equal([(1L, "teams")], unroutable);
        Assert.DoesNotContain(_targets.ChannelPosts, p => p.Key.StartsWith("digest:search:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Publish_NothingConfigured_OwnersPersonalChatsInSlackAndTeams()
    {
        await using var services = await ServicesAsync();

        await PublishAsync(services);

        // Slack: a DM to each owner's user id (the delivery opens it with conversations.open); payments has a Slack channel, so
        // no DM there. Each platform on its own: search has only a Teams channel, so its owner gets the Slack DM.
        Assert.Equal(
            [
                "digest:data:2026-11-16:slack:U0DORA001", "digest:data:2026-11-16:slack:W0DAN0001",
                "digest:payments:2026-11-16:slack:C0PAYMENTS", "digest:search:2026-11-16:slack:U0SAM0001",
            ],
            _slack.Sent.Select(s => s.Key).Order(StringComparer.Ordinal));

        // Teams: dora has a personal chat with the bot; dan gets one created (SendToUserAsync) in the bot's tenant.
        Assert.Contains(_teams.Sent, s => s.Key == "digest:data:2026-11-16:teams:a:dora");
        var created = Assert.Single(_targets.UserSends);
        Assert.Equal(new TeamsUserTarget("https://smba.example/", Tenant, "28:bot", "44444444-4444-4444-4444-444444444444"), created.User);
        Assert.Equal("digest:data:2026-11-16:teams:44444444-4444-4444-4444-444444444444", created.Key);

        // search has a (misspelt) channel configured: that is not "nothing configured", so sam gets no created chat.
        Assert.DoesNotContain(_targets.UserSends, s => s.User.UserId == "22222222-2222-2222-2222-222222222222");
    }

    public void Dispose() => _logs.Dispose();

    private static async Task PublishAsync(ServiceProvider services)
    {
        using var scope = services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<WeeklyDigestPublisher>().PublishAsync(CancellationToken.None);
    }

    private async Task<ServiceProvider> ServicesAsync()
    {
        var references = new InMemoryConversationReferenceStore();
        await references.StoreAsync(
            new TeamsConversationReference("a:dora", "https://smba.example/", "personal", Tenant, "28:bot", "29:dora", "33333333-3333-3333-3333-333333333333", null, null, _clock.GetUtcNow()),
            CancellationToken.None);
        var channels = new InMemoryTeamsChannelStore();
        await channels.StoreAsync(
            new TeamsChannelRecord("19:team@thread.tacv2", "Payments Engineering", PaymentsChannel, "Cost - Payments", Tenant, "https://smba.example/", "28:bot", _clock.GetUtcNow()),
            CancellationToken.None);
        await channels.StoreAsync(
            new TeamsChannelRecord("19:team@thread.tacv2", "Payments Engineering", "19:team@thread.tacv2", "General", Tenant, "https://smba.example/", "28:bot", _clock.GetUtcNow()),
            CancellationToken.None);

        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Slack:BotToken"] = "xoxb-test", ["Digests:Enabled"] = "false" })
            .Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.AddProvider(_logs));
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton<IIdempotencyStore>(new InMemoryIdempotencyStore(_clock));
        services.AddSingleton<ICostQueryService>(new EngineQueryService(Cube()));
        services.AddSingleton(new AllocationRuleSource(AllocationRulesParser.Parse(CompanyRules, "allocation.yaml")));
        services.AddSingleton<IConversationReferenceStore>(references);
        services.AddSingleton<ITeamsChannelStore>(channels);
        services.AddSingleton<ITeamsTargetedSender>(_targets);
        services.AddSingleton<IProactiveSender>(_slack);
        services.AddSingleton<IProactiveSender>(_teams);
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.SectionName);
        services.AddScheduling(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private static CostQueryEngine Cube()
    {
        var b = new CostCubeBuilder();
        foreach (var (team, cost) in new[] { ("payments", 70m), ("search", 500m), ("data", 9m) })
        {
            b.Add(new CostCubeFact(
                new DateOnly(2026, 11, 17),
                b.AddCurrency("USD"),
                b.AddTagSet(new Dictionary<string, string> { ["team"] = team }),
                b.AddValue(DimensionKind.Provider, "AWS"),
                b.AddValue(DimensionKind.Service, "EC2"),
                b.AddValue(DimensionKind.Category, "Compute"),
                b.AddValue(DimensionKind.Region, "us-east-1"),
                b.AddValue(DimensionKind.Account, "acct"),
                b.AddValue(DimensionKind.BillingAccount, "billing"),
                b.AddValue(DimensionKind.Resource, "i-" + team),
                b.AddValue(DimensionKind.ChargeCategory, "Usage"),
                b.AddValue(DimensionKind.PricingCategory, "Standard"),
                cost,
                cost,
                cost,
                cost));
        }

        return new CostQueryEngine(b.Build(), new TagTeamAssignment());
    }

    private sealed class RecordingSender(string channel) : IProactiveSender
    {
        public List<(string Key, ConversationAddress Address, Card Card)> Sent { get; } = [];

        public string Channel => channel;

        public Task<SentMessage> SendAsync(ConversationAddress conversation, Card card, string idempotencyKey, CancellationToken cancellationToken)
        {
            Sent.Add((idempotencyKey, conversation, card));
            return Task.FromResult(new SentMessage(conversation, "m" + Sent.Count.ToString(CultureInfo.InvariantCulture)));
        }

        public Task UpdateAsync(SentMessage message, Card card, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class RecordingTargets : ITeamsTargetedSender
    {
        public List<(TeamsChannelRecord Channel, Card Card, string Key)> ChannelPosts { get; } = [];

        public List<(TeamsUserTarget User, string Key)> UserSends { get; } = [];

        public Task<SentMessage> PostToChannelAsync(TeamsChannelRecord channel, Card card, string idempotencyKey, CancellationToken cancellationToken)
        {
            ChannelPosts.Add((channel, card, idempotencyKey));
            return Task.FromResult(new SentMessage(new ConversationAddress("teams", channel.ChannelId + ";messageid=1", channel.TenantId), "1"));
        }

        public Task<SentMessage> SendToUserAsync(TeamsUserTarget user, Card card, string idempotencyKey, CancellationToken cancellationToken)
        {
            UserSends.Add((user, idempotencyKey));
            return Task.FromResult(new SentMessage(new ConversationAddress("teams", "a:new", user.TenantId), "2"));
        }
    }

    private sealed class CapturingLogs : ILoggerProvider
    {
        public ConcurrentQueue<(LogLevel Level, string Text)> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLogs owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Messages.Enqueue((logLevel, formatter(state, exception)));
        }
    }

    private sealed class EngineQueryService(CostQueryEngine engine) : ICostQueryService
    {
        public Task<CostQueryResult> QueryAsync(CostQuery query, CancellationToken cancellationToken) => Task.FromResult(engine.Execute(query));

        public Task<IReadOnlyList<string>> GetDimensionValuesAsync(Dimension dimension, CancellationToken cancellationToken) =>
            Task.FromResult(engine.DimensionValues(dimension));

        public Task<DataCoverage?> GetCoverageAsync(CancellationToken cancellationToken) => Task.FromResult<DataCoverage?>(null);
    }
}
