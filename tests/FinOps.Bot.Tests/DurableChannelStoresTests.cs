using FinOps.Bot.Channels;
using FinOps.Core.Subscriptions;
using FinOps.Slack.Installation;
using FinOps.Storage;
using FinOps.Storage.Channels;
using FinOps.Teams.Conversations;
using FinOps.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Bot.Tests;

/// <summary>References and installations survive a restart: a second service provider over the same file sees them.</summary>
/// <remarks>On SQLite; <see cref="DurableChannelStoresPostgreSqlTests"/> runs the same tests on PostgreSQL.</remarks>
public class DurableChannelStoresTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("finops-channels-").FullName;
    private readonly EphemeralDataProtectionProvider _protection = new();
    private readonly string? _postgreSql;

    public DurableChannelStoresTests()
        : this(StorageProvider.Sqlite)
    {
    }

    protected DurableChannelStoresTests(StorageProvider provider) =>
        _postgreSql = provider == StorageProvider.PostgreSql ? PostgreSqlCluster.Shared.CreateDatabase() : null;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
        if (_postgreSql is not null)
        {
            PostgreSqlCluster.Shared.DropDatabase(_postgreSql);
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task ConversationReferences_StoreMarkStaleAndRemove_SurviveRestart()
    {
        var reference = new TeamsConversationReference("a:1/2", "https://smba.example/amer/", "personal", "tenant-1", "28:bot", "29:user", "aad-1", null, null, DateTimeOffset.UnixEpoch);
        using (var first = Build())
        {
            var store = new DbConversationReferenceStore(first.GetRequiredService<ChannelRecordStore>());
            await store.StoreAsync(reference, CancellationToken.None);
            await store.StoreAsync(reference with { ConversationId = "a:other" }, CancellationToken.None);
            await store.MarkStaleAsync("a:other", "BotNotInConversationRoster", CancellationToken.None);
        }

        using var second = Build();
        var restarted = new DbConversationReferenceStore(second.GetRequiredService<ChannelRecordStore>());
        Assert.Equal(reference, await restarted.GetAsync("a:1/2", CancellationToken.None));
        Assert.True((await restarted.GetAsync("a:other", CancellationToken.None))!.IsStale);
        Assert.Equal(["a:1/2"], (await restarted.ListActiveAsync(CancellationToken.None)).Select(r => r.ConversationId));

        await restarted.StoreAsync(reference with { ConversationId = "a:other" }, CancellationToken.None);
        Assert.False((await restarted.GetAsync("a:other", CancellationToken.None))!.IsStale);
        await restarted.RemoveAsync("a:1/2", CancellationToken.None);
        Assert.Null(await restarted.GetAsync("a:1/2", CancellationToken.None));
    }

    [Fact]
    public async Task SlackInstallations_TokenEncryptedAtRest_FoundAfterRestart_Deleted()
    {
        var installation = new SlackInstallation("T0001", "Acme", null, "U0BOT", "xoxb-secret-token-value", "A0APP", "chat:write", DateTimeOffset.UnixEpoch);
        using (var first = Build())
        {
            await new DbSlackInstallationStore(first.GetRequiredService<ChannelRecordStore>(), _protection).SaveAsync(installation, CancellationToken.None);
            var raw = await first.GetRequiredService<ChannelRecordStore>().GetAsync("slack.installation", "T0001", CancellationToken.None);
            Assert.NotNull(raw);
            Assert.DoesNotContain("xoxb-secret-token-value", raw, StringComparison.Ordinal);
        }

        using var second = Build();
        var store = new DbSlackInstallationStore(second.GetRequiredService<ChannelRecordStore>(), _protection);
        Assert.Equal(installation, await store.FindAsync("T0001", CancellationToken.None));
        Assert.Null(await store.FindAsync("T0002", CancellationToken.None));
        Assert.True(await store.DeleteAsync("T0001", CancellationToken.None));
        Assert.False(await store.DeleteAsync("T0001", CancellationToken.None));
        Assert.Null(await store.FindAsync("T0001", CancellationToken.None));
    }

    [Fact]
    public async Task Subscriptions_SubscribeAndUnsubscribe_SubscriptionAndChangeLogSurviveRestart()
    {
        var at = new DateTimeOffset(2026, 12, 7, 9, 30, 0, TimeSpan.Zero);
        var subscription = new ChannelSubscription("payments", SubscriptionTopic.Digest, "teams", "19:chat@thread.v2", "tenant-1", "pat@corp.example", at);
        var search = subscription with { TeamKey = "search", Topic = SubscriptionTopic.Anomalies };
        using (var first = Build())
        {
            var store = first.GetRequiredService<ISubscriptionStore>();
            await store.SubscribeAsync(subscription, Change(subscription, "subscribe", at), CancellationToken.None);
            await store.SubscribeAsync(search, Change(search, "subscribe", at.AddMinutes(1)), CancellationToken.None);
            Assert.True(await store.UnsubscribeAsync(search.Key, Change(search, "unsubscribe", at.AddMinutes(2)), CancellationToken.None));
            Assert.False(await store.UnsubscribeAsync(search.Key, Change(search, "unsubscribe", at.AddMinutes(3)), CancellationToken.None));
        }

        using var second = Build();
        var restarted = second.GetRequiredService<ISubscriptionStore>();
        Assert.Equal([subscription], await restarted.ListAsync(CancellationToken.None));
        Assert.Equal(
            [Change(subscription, "subscribe", at), Change(search, "subscribe", at.AddMinutes(1)), Change(search, "unsubscribe", at.AddMinutes(2))],
            await restarted.ListChangesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task TeamsChannels_StoreRenameAndRemove_SurviveRestart()
    {
        var payments = new TeamsChannelRecord("19:team@thread.tacv2", "Payments", "19:costs@thread.tacv2", "Cost - Payments", "tenant-1", "https://smba.example/amer/", "28:bot", DateTimeOffset.UnixEpoch);
        var general = payments with { ChannelId = "19:team@thread.tacv2", ChannelName = "General" };
        var other = payments with { TeamId = "19:other@thread.tacv2", TeamName = "Search", ChannelId = "19:search@thread.tacv2", ChannelName = "Cost - Search" };
        using (var first = Build())
        {
            var store = new DbTeamsChannelStore(first.GetRequiredService<ChannelRecordStore>());
            await store.StoreAsync(payments, CancellationToken.None);
            await store.StoreAsync(general, CancellationToken.None);
            await store.StoreAsync(other, CancellationToken.None);
            await store.RenameTeamAsync("19:team@thread.tacv2", "Payments & Billing", CancellationToken.None);
        }

        using var second = Build();
        var restarted = new DbTeamsChannelStore(second.GetRequiredService<ChannelRecordStore>());
        Assert.Equal(
            [payments with { TeamName = "Payments & Billing" }, other, general with { TeamName = "Payments & Billing" }],
            (await restarted.ListAsync(CancellationToken.None)).OrderBy(c => c.ChannelName, StringComparer.Ordinal));

        await restarted.RemoveChannelAsync("19:other@thread.tacv2", "19:search@thread.tacv2", CancellationToken.None);
        Assert.Equal(2, (await restarted.ListAsync(CancellationToken.None)).Count);
        await restarted.RemoveTeamAsync("19:team@thread.tacv2", CancellationToken.None);
        Assert.Empty(await restarted.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task SlackHomeViewers_RecordedTwice_LatestVisitSurvivesRestart()
    {
        var at = new DateTimeOffset(2026, 12, 7, 9, 30, 0, TimeSpan.Zero);
        using (var first = Build())
        {
            var store = new DbSlackHomeViewers(first.GetRequiredService<ChannelRecordStore>());
            await store.RecordAsync(new FinOps.Slack.AppHome.SlackHomeViewer("T1", "U1", at), CancellationToken.None);
            await store.RecordAsync(new FinOps.Slack.AppHome.SlackHomeViewer("T1", "U2", at.AddMinutes(1)), CancellationToken.None);
            await store.RecordAsync(new FinOps.Slack.AppHome.SlackHomeViewer("T1", "U1", at.AddMinutes(2)), CancellationToken.None);
        }

        using var second = Build();
        var restarted = new DbSlackHomeViewers(second.GetRequiredService<ChannelRecordStore>());
        Assert.Equal(
            [new FinOps.Slack.AppHome.SlackHomeViewer("T1", "U1", at.AddMinutes(2)), new FinOps.Slack.AppHome.SlackHomeViewer("T1", "U2", at.AddMinutes(1))],
            await restarted.ListRecentAsync(at, 10, CancellationToken.None));
        Assert.Single(await restarted.ListRecentAsync(at.AddMinutes(2), 10, CancellationToken.None));
    }

    private static SubscriptionChange Change(ChannelSubscription s, string action, DateTimeOffset at) =>
        new(s.TeamKey, s.Topic, action, s.Channel, s.ConversationId, s.Workspace, s.SubscribedBy, at);

    private ServiceProvider Build()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:DatabasePath"] = Path.Combine(_dir, "bot.db"),
                ["Storage:Provider"] = _postgreSql is null ? nameof(StorageProvider.Sqlite) : nameof(StorageProvider.PostgreSql),
                ["Storage:ConnectionString"] = _postgreSql,
            })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddStorage(configuration);
        return services.BuildServiceProvider();
    }
}
