using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using FinOps.Bot.Hosting;
using FinOps.Bot.Scheduling;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Messaging;
using FinOps.Core.Allocation;
using FinOps.Core.Digests;
using FinOps.Core.Query;
using FinOps.Core.Reliability;
using FinOps.Slack;
using FinOps.Teams.Conversations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Bot.Tests.Scheduling;

/// <summary>The weekly digest routed by a company's own rules file (not the demo company).</summary>
public sealed class DirectoryDigestRoutingTests
{
    private const string CompanyRules = """
        version: 1
        roles:
          finance: [fiona@corp.example]
        teams:
          - key: payments
            owners:
              - email: pat@corp.example
                slack: U0PAT0001
                entra: 11111111-1111-1111-1111-111111111111
            members: [mia@corp.example]
            channels:
              - slack: C0PAYMENTS
              - teams: "19:payments@thread.tacv2"
          - key: search
            owners:
              - email: sam@corp.example
                entra: 22222222-2222-2222-2222-222222222222
            channels:
              - slack: C0SEARCH
              - teams: "19:search@thread.tacv2"
          - key: data
            owners:
              - email: dora@corp.example
                slack: U0DORA001
                entra: 33333333-3333-3333-3333-333333333333
            channels:
              - slack: C0DATA
              - teams: "19:data@thread.tacv2"
        """;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly RecordingSender _playground = new("playground");
    private readonly RecordingSender _slack = new("slack");
    private readonly RecordingSender _teams = new("teams");

    [Fact]
    public async Task Publish_CompanyRulesWithThreeTeams_EachTeamToItsOwnChannelsAndOwnersOnly()
    {
        var references = new InMemoryConversationReferenceStore();
        await references.StoreAsync(Reference("19:payments@thread.tacv2;messageid=16", "channel", null, channelId: "19:payments@thread.tacv2"), CancellationToken.None);
        foreach (var team in new[] { "payments", "search", "data", "demo-payments" })
        {
            await references.StoreAsync(Reference($"19:{team}@thread.tacv2", "channel", null, channelId: $"19:{team}@thread.tacv2"), CancellationToken.None);
        }

        // A reply thread of the payments channel was stored first: the digest is a new post in the channel, not a reply.
        await references.StoreAsync(Reference("19:payments@thread.tacv2;messageid=17", "channel", null, channelId: "19:payments@thread.tacv2"), CancellationToken.None);
        await references.StoreAsync(Reference("a:pat", "personal", "11111111-1111-1111-1111-111111111111"), CancellationToken.None);
        await references.StoreAsync(Reference("a:sam", "personal", "22222222-2222-2222-2222-222222222222"), CancellationToken.None);
        await references.StoreAsync(Reference("a:dora", "personal", "33333333-3333-3333-3333-333333333333"), CancellationToken.None);
        await references.StoreAsync(Reference("a:stranger", "personal", "44444444-4444-4444-4444-444444444444"), CancellationToken.None);
        await using var services = Services(references);

        using (var scope = services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<WeeklyDigestPublisher>().PublishAsync(CancellationToken.None);
        }

        Assert.Equal(
            ["digest:data:2026-11-16:slack:C0DATA", "digest:payments:2026-11-16:slack:C0PAYMENTS", "digest:search:2026-11-16:slack:C0SEARCH"],
            _slack.Sent.Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.Equal(
            [
                "digest:data:2026-11-16:teams:19:data@thread.tacv2", "digest:data:2026-11-16:teams:a:dora",
                "digest:payments:2026-11-16:teams:19:payments@thread.tacv2", "digest:payments:2026-11-16:teams:a:pat",
                "digest:search:2026-11-16:teams:19:search@thread.tacv2", "digest:search:2026-11-16:teams:a:sam",
            ],
            _teams.Sent.Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["digest:data:2026-11-16:playground:U0DORA001", "digest:payments:2026-11-16:playground:U0PAT0001", "digest:search:2026-11-16:playground:sam@corp.example"],
            _playground.Sent.Select(s => s.Key).Order(StringComparer.Ordinal));

        // Each card is the digest of the team it went to: no team's numbers in another team's channel.
        foreach (var (key, _, card) in _slack.Sent.Concat(_teams.Sent).Concat(_playground.Sent))
        {
            var team = key.Split(':')[1];
            Assert.Contains("for team " + team, card.FallbackText + string.Concat(card.Blocks.OfType<ContextBlock>().Select(b => b.Text)), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Publish_OneChannelFailing_PostedAndFailedCountedByChannelOnTheBotMeter()
    {
        var references = new InMemoryConversationReferenceStore();
        foreach (var team in new[] { "payments", "search", "data" })
        {
            await references.StoreAsync(Reference($"19:{team}@thread.tacv2", "channel", null, channelId: $"19:{team}@thread.tacv2"), CancellationToken.None);
        }

        _teams.Fails = true;
        await using var services = Services(references);
        var meterFactory = services.GetRequiredService<IMeterFactory>();
        var measurements = new ConcurrentBag<(string Instrument, long Value, string? Channel)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this provider's meter: other tests publish digests in the same process.
            if (instrument.Meter.Name == BotMetrics.Name && ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) =>
        {
            string? channel = null;
            foreach (var (key, value) in tags)
            {
                channel = key == "channel" ? value as string : channel;
            }

            measurements.Add((i.Name, v, channel));
        });
        listener.Start();

        using (var scope = services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<WeeklyDigestPublisher>().PublishAsync(CancellationToken.None);
        }

        long Sum(string instrument, string channel) => measurements.Where(m => m.Instrument == instrument && m.Channel == channel).Sum(m => m.Value);
        Assert.Equal(3, _slack.Sent.Count);
        Assert.NotEmpty(_teams.Sent);
        Assert.Equal(3, Sum("finops.digests.posted", "slack"));
        Assert.Equal(_playground.Sent.Count, Sum("finops.digests.posted", "playground"));
        Assert.Equal(0, Sum("finops.digests.posted", "teams"));
        Assert.Equal(_teams.Sent.Count, Sum("finops.digests.failed", "teams"));
        Assert.Equal(0, Sum("finops.digests.failed", "slack"));
    }

    [Fact]
    public async Task ProductionServices_NoDemoTypeRegistered_TeamsComeFromTheRulesFile()
    {
        var folder = Path.Combine(Path.GetTempPath(), "finops-prod-services-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "allocation.yaml"), CompanyRules);
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DatabasePath"] = Path.Combine(folder, "finops.db") })
                .Build();
            var services = new ServiceCollection();
            services.AddSingleton<IConfiguration>(configuration);
            services.AddLogging();
            services.AddBotHost(configuration);

            Assert.Contains(services, d => d.ServiceType == typeof(ITeamDirectory) && d.ImplementationType == typeof(RulesTeamDirectory));
            Assert.DoesNotContain(services, d => IsDemo(d.ServiceType) || IsDemo(d.ImplementationType) || IsDemo(d.ImplementationInstance?.GetType()));

            await using var provider = services.BuildServiceProvider();
            var teams = await provider.GetRequiredService<ITeamDirectory>().GetTeamsAsync(CancellationToken.None);
            Assert.Equal(["payments", "search", "data"], teams.Select(t => t.Key));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    // The first-run seeding's settings (Demo:Rows and its validator) are allowed: seeding is one of the demo's two users.
    private static bool IsDemo(Type? type) =>
        type is not null && type != typeof(DemoSeedOptionsValidator)
        && type.Namespace is { } ns && (ns.StartsWith("FinOps.Demo", StringComparison.Ordinal) || type.Name.Contains("Demo", StringComparison.Ordinal));

    private TeamsConversationReference Reference(string conversationId, string type, string? aad, string? channelId = null) =>
        new(conversationId, "https://smba.example/", type, "tenant-1", "28:bot", "29:user", aad, channelId is null ? null : "19:team@thread.skype", channelId, _clock.GetUtcNow());

    private ServiceProvider Services(IConversationReferenceStore references)
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Slack:BotToken"] = "xoxb-test", ["Digests:Enabled"] = "false" })
            .Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton<IIdempotencyStore>(new InMemoryIdempotencyStore(_clock));
        services.AddSingleton<ICostQueryService>(new EngineQueryService(Cube()));
        services.AddSingleton(new AllocationRuleSource(AllocationRulesParser.Parse(CompanyRules, "allocation.yaml")));
        services.AddSingleton(references);
        services.AddSingleton<IProactiveSender>(_playground);
        services.AddSingleton<IProactiveSender>(_slack);
        services.AddSingleton<IProactiveSender>(_teams);
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.SectionName);
        services.AddScheduling(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private static CostQueryEngine Cube()
    {
        var b = new CostCubeBuilder();
        foreach (var (team, cost) in new[] { ("payments", 70m), ("search", 500m), ("data", 9m), ("demo-payments", 1000m) })
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

        /// <summary>When set, every send is recorded as attempted and then fails.</summary>
        public bool Fails { get; set; }

        public Task<SentMessage> SendAsync(ConversationAddress conversation, Card card, string idempotencyKey, CancellationToken cancellationToken)
        {
            Sent.Add((idempotencyKey, conversation, card));
            if (Fails)
            {
                throw new HttpRequestException("connector unavailable");
            }

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
