using System.Globalization;
using FinOps.Bot.Scheduling;
using FinOps.Conversation;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Messaging;
using FinOps.Conversation.Subscriptions;
using FinOps.Core.Allocation;
using FinOps.Core.Query;
using FinOps.Core.Reliability;
using FinOps.Core.Subscriptions;
using FinOps.Slack;
using FinOps.Teams.Conversations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Bot.Tests.Scheduling;

/// <summary>Subscriptions managed in chat ("subscribe this channel to payments digests") and the digest routing they drive.</summary>
public sealed class SubscriptionDigestRoutingTests
{
    private const string CompanyRules = """
        version: 1
        roles:
          admin: [ada@corp.example]
        teams:
          - key: payments
            owners:
              - email: pat@corp.example
                slack: U0PAT0001
                entra: 11111111-1111-1111-1111-111111111111
            members: [mia@corp.example]
            channels:
              - slack: C0PAYMENTS
          - key: ledger
            owners:
              - email: lee@corp.example
                entra: 55555555-5555-5555-5555-555555555555
        """;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly RecordingSender _playground = new("playground");
    private readonly RecordingSender _slack = new("slack");
    private readonly RecordingSender _teams = new("teams");

    [Fact]
    public async Task Subscribe_ByOwner_StoredLoggedAndNextDigestGoesThere()
    {
        await using var services = Services();
        var here = new ConversationAddress("slack", "C0NEWCHAN", "T0CORP");

        var reply = await SayAsync(services, "subscribe this channel to payments digests", new ChatUser("slack", "U0PAT0001"), here);
        await PublishAsync(services);

        Assert.Equal(SubscriptionCommand.CardKind, reply.Kind);
        Assert.Contains("payments", reply.FallbackText, StringComparison.Ordinal);
        var sent = Assert.Single(_slack.Sent, s => s.Address.Id == "C0NEWCHAN");
        Assert.Equal("digest:payments:2026-11-16:slack:C0NEWCHAN", sent.Key);
        Assert.Equal("T0CORP", sent.Address.Workspace);
        // The rules-file channel still receives it too.
        Assert.Contains(_slack.Sent, s => s.Address.Id == "C0PAYMENTS");
        var change = Assert.Single(await services.GetRequiredService<ISubscriptionStore>().ListChangesAsync(CancellationToken.None));
        Assert.Equal(
            new SubscriptionChange("payments", SubscriptionTopic.Digest, "subscribe", "slack", "C0NEWCHAN", "T0CORP", "pat@corp.example", _clock.GetUtcNow()),
            change);
    }

    [Fact]
    public async Task Subscribe_ByMemberWhoIsNotOwner_RefusedNamingOwnersAndNothingStored()
    {
        await using var services = Services();

        var reply = await SayAsync(services, "subscribe this channel to payments digests", new ChatUser("playground", "mia@corp.example"), new ConversationAddress("slack", "C0MIA"));
        await PublishAsync(services);

        Assert.Equal("error", reply.Kind);
        Assert.Contains("Only the owners of payments (pat@corp.example) and admins", reply.FallbackText, StringComparison.Ordinal);
        var store = services.GetRequiredService<ISubscriptionStore>();
        Assert.Empty(await store.ListAsync(CancellationToken.None));
        Assert.Empty(await store.ListChangesAsync(CancellationToken.None));
        Assert.DoesNotContain(_slack.Sent, s => s.Address.Id == "C0MIA");
    }

    [Fact]
    public async Task Subscribe_ByPersonNotInDirectory_RefusedAndNothingStored()
    {
        await using var services = Services();

        var reply = await SayAsync(services, "subscribe this channel to payments digests", new ChatUser("slack", "U0STRANGER"), new ConversationAddress("slack", "C0X"));

        Assert.Equal("error", reply.Kind);
        Assert.Contains("can't find you in the company directory", reply.FallbackText, StringComparison.Ordinal);
        Assert.Empty(await services.GetRequiredService<ISubscriptionStore>().ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Subscribe_UnknownTeam_ErrorListsTeams()
    {
        await using var services = Services();

        var reply = await SayAsync(services, "subscribe this channel to billing digests", new ChatUser("slack", "U0PAT0001"), new ConversationAddress("slack", "C0X"));

        Assert.Equal("error", reply.Kind);
        Assert.Contains("\"billing\". Teams: payments, ledger", reply.FallbackText, StringComparison.Ordinal);
        Assert.Empty(await services.GetRequiredService<ISubscriptionStore>().ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Subscribe_ByAdminOfAnotherTeam_Allowed()
    {
        await using var services = Services();

        var reply = await SayAsync(services, "subscribe this chat to ledger budget alerts", new ChatUser("playground", "ada@corp.example"), new ConversationAddress("teams", "19:chat@thread.v2", "tenant-1"));

        Assert.Equal(SubscriptionCommand.CardKind, reply.Kind);
        var subscription = Assert.Single(await services.GetRequiredService<ISubscriptionStore>().ListAsync(CancellationToken.None));
        Assert.Equal(("ledger", SubscriptionTopic.Budgets, "teams", "19:chat@thread.v2"), (subscription.TeamKey, subscription.Topic, subscription.Channel, subscription.ConversationId));
    }

    [Fact]
    public async Task Unsubscribe_AfterSubscribe_DigestNoLongerRoutedThereAndLogged()
    {
        await using var services = Services();
        var here = new ConversationAddress("slack", "C0NEWCHAN", "T0CORP");
        var pat = new ChatUser("slack", "U0PAT0001");
        await SayAsync(services, "subscribe this channel to payments digests", pat, here);

        var reply = await SayAsync(services, "unsubscribe this channel from payments digests", pat, here);
        IReadOnlyList<DigestRecipient> recipients;
        using (var scope = services.CreateScope())
        {
            var team = (await scope.ServiceProvider.GetRequiredService<FinOps.Core.Digests.ITeamDirectory>().GetTeamsAsync(CancellationToken.None)).Single(t => t.Key == "payments");
            recipients = await scope.ServiceProvider.GetRequiredService<DigestRecipientResolver>().ResolveAsync(team, ["slack", "teams", "playground"], CancellationToken.None);
        }

        Assert.Contains("no longer receives", reply.FallbackText, StringComparison.Ordinal);
        Assert.DoesNotContain(recipients, r => r.Address.Id == "C0NEWCHAN");
        Assert.Contains(recipients, r => r.Address.Id == "C0PAYMENTS");
        Assert.Equal(["subscribe", "unsubscribe"], (await services.GetRequiredService<ISubscriptionStore>().ListChangesAsync(CancellationToken.None)).Select(c => c.Action));
    }

    [Fact]
    public async Task Unsubscribe_Bare_RemovesEverySubscriptionOfThisConversation()
    {
        await using var services = Services();
        var here = new ConversationAddress("slack", "C0NEWCHAN", "T0CORP");
        var pat = new ChatUser("slack", "U0PAT0001");
        await SayAsync(services, "subscribe this channel to payments digests", pat, here);
        await SayAsync(services, "subscribe this channel to payments anomaly alerts", pat, here);

        await SayAsync(services, "unsubscribe", pat, here);

        Assert.Empty(await services.GetRequiredService<ISubscriptionStore>().ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task List_AfterSubscribe_ShowsTeamTopicAndConversation()
    {
        await using var services = Services();
        var here = new ConversationAddress("slack", "C0NEWCHAN", "T0CORP");
        await SayAsync(services, "subscribe this channel to payments digests", new ChatUser("slack", "U0PAT0001"), here);

        var reply = await SayAsync(services, "list subscriptions", new ChatUser("playground", "mia@corp.example"), here);

        Assert.Contains("payments weekly digests → slack C0NEWCHAN (this conversation), by pat@corp.example", reply.FallbackText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_TeamWithoutChannelsOrSubscriptions_GoesToOwnersPersonalChats()
    {
        var references = new InMemoryConversationReferenceStore();
        await references.StoreAsync(
            new TeamsConversationReference("a:lee", "https://smba.example/", "personal", "tenant-1", "28:bot", "29:lee", "55555555-5555-5555-5555-555555555555", null, null, _clock.GetUtcNow()),
            CancellationToken.None);
        await using var services = Services(references);

        await PublishAsync(services);

        Assert.Equal(["digest:ledger:2026-11-16:teams:a:lee"], _teams.Sent.Where(s => s.Key.Contains(":ledger:", StringComparison.Ordinal)).Select(s => s.Key));
        Assert.Equal(["digest:ledger:2026-11-16:playground:lee@corp.example"], _playground.Sent.Where(s => s.Key.Contains(":ledger:", StringComparison.Ordinal)).Select(s => s.Key));
        Assert.DoesNotContain(_slack.Sent, s => s.Key.Contains(":ledger:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("subscribe this channel to payments digests", SubscriptionVerb.Subscribe, "payments", SubscriptionTopic.Digest)]
    [InlineData("Subscribe to the payments team's weekly digest", SubscriptionVerb.Subscribe, "payments", SubscriptionTopic.Digest)]
    [InlineData("subscribe this channel to search anomalies", SubscriptionVerb.Subscribe, "search", SubscriptionTopic.Anomalies)]
    [InlineData("unsubscribe this channel from payments budget alerts", SubscriptionVerb.Unsubscribe, "payments", SubscriptionTopic.Budgets)]
    [InlineData("unsubscribe", SubscriptionVerb.Unsubscribe, null, null)]
    [InlineData("list subscriptions", SubscriptionVerb.List, null, null)]
    public void TryParse_Commands_Recognised(string text, SubscriptionVerb verb, string? team, SubscriptionTopic? topic)
    {
        Assert.True(SubscriptionCommand.TryParse(text, out var request));
        Assert.Equal(new SubscriptionRequest(verb, team, topic), request);
    }

    [Theory]
    [InlineData("weekly digest for payments")]
    [InlineData("subscribe")]
    [InlineData("what did payments spend on subscriptions")]
    public void TryParse_OtherText_NotACommand(string text) => Assert.False(SubscriptionCommand.TryParse(text, out _));

    private static async Task<Card> SayAsync(ServiceProvider services, string text, ChatUser user, ConversationAddress conversation)
    {
        var command = services.GetServices<IConversationCommand>().OfType<SubscriptionCommand>().Single();
        return await command.TryHandleAsync(new IncomingMessage(text, user, conversation), CancellationToken.None) ?? throw new InvalidOperationException("not a command: " + text);
    }

    private static async Task PublishAsync(ServiceProvider services)
    {
        using var scope = services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<WeeklyDigestPublisher>().PublishAsync(CancellationToken.None);
    }

    private ServiceProvider Services(IConversationReferenceStore? references = null)
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
        services.AddSingleton(references ?? new InMemoryConversationReferenceStore());
        services.AddSingleton<IProactiveSender>(_playground);
        services.AddSingleton<IProactiveSender>(_slack);
        services.AddSingleton<IProactiveSender>(_teams);
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.SectionName);
        services.AddConversation(configuration);
        services.AddScheduling(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private static CostQueryEngine Cube()
    {
        var b = new CostCubeBuilder();
        foreach (var (team, cost) in new[] { ("payments", 70m), ("ledger", 12m) })
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

    private sealed class EngineQueryService(CostQueryEngine engine) : ICostQueryService
    {
        public Task<CostQueryResult> QueryAsync(CostQuery query, CancellationToken cancellationToken) => Task.FromResult(engine.Execute(query));

        public Task<IReadOnlyList<string>> GetDimensionValuesAsync(Dimension dimension, CancellationToken cancellationToken) =>
            Task.FromResult(engine.DimensionValues(dimension));

        public Task<DataCoverage?> GetCoverageAsync(CancellationToken cancellationToken) => Task.FromResult<DataCoverage?>(null);
    }
}
