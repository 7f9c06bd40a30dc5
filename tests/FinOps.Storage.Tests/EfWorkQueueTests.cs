using FinOps.Storage.Reliability;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Storage.Tests;

/// <remarks>On SQLite; <see cref="PostgreSql.EfWorkQueuePostgreSqlTests"/> runs the same tests on PostgreSQL.</remarks>
public class EfWorkQueueTests : IDisposable
{
    private readonly TestDatabase _db;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly EfWorkQueue _outbox;

    public EfWorkQueueTests()
        : this(StorageProvider.Sqlite)
    {
    }

    protected EfWorkQueueTests(StorageProvider provider)
    {
        _db = new TestDatabase(provider: provider);
        _outbox = new EfWorkQueue(_db.Queue, _time);
    }

    public void Dispose()
    {
        _db.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task EnqueueAsync_SameKeyTwice_StoresOne()
    {
        Assert.True(await _outbox.EnqueueAsync("slack", "digest:2026-01-01:payments", "{}", CancellationToken.None));
        Assert.False(await _outbox.EnqueueAsync("slack", "digest:2026-01-01:payments", "{\"other\":1}", CancellationToken.None));

        var due = await _outbox.GetDueAsync("slack", 10, CancellationToken.None);

        var message = Assert.Single(due);
        Assert.Equal("{}", message.Payload);
        Assert.Equal(0, message.Attempts);
    }

    [Fact]
    public async Task GetDueAsync_OldestFirst_PerChannel_UpToMax()
    {
        await _outbox.EnqueueAsync("slack", "k1", "1", CancellationToken.None);
        await _outbox.EnqueueAsync("teams", "k2", "2", CancellationToken.None);
        await _outbox.EnqueueAsync("slack", "k3", "3", CancellationToken.None);
        await _outbox.EnqueueAsync("slack", "k4", "4", CancellationToken.None);

        var due = await _outbox.GetDueAsync("slack", 2, CancellationToken.None);

        Assert.Equal(["k1", "k3"], due.Select(m => m.IdempotencyKey));
    }

    [Fact]
    public async Task MarkFailedAsync_WithRetryTime_DueAgainOnlyThen()
    {
        await _outbox.EnqueueAsync("slack", "k1", "1", CancellationToken.None);
        var id = (await _outbox.GetDueAsync("slack", 1, CancellationToken.None))[0].Id;

        await _outbox.MarkFailedAsync(id, "429 rate limited", _time.GetUtcNow().AddSeconds(30), CancellationToken.None);

        Assert.Empty(await _outbox.GetDueAsync("slack", 10, CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(30));
        var again = Assert.Single(await _outbox.GetDueAsync("slack", 10, CancellationToken.None));
        Assert.Equal(1, again.Attempts);
        Assert.Equal("429 rate limited", again.LastError);
    }

    [Fact]
    public async Task MarkFailedAsync_WithoutRetry_Dead()
    {
        await _outbox.EnqueueAsync("slack", "k1", "1", CancellationToken.None);
        var id = (await _outbox.GetDueAsync("slack", 1, CancellationToken.None))[0].Id;

        await _outbox.MarkFailedAsync(id, "channel_not_found", null, CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(1));

        Assert.Empty(await _outbox.GetDueAsync("slack", 10, CancellationToken.None));
        Assert.False(await _outbox.EnqueueAsync("slack", "k1", "1", CancellationToken.None));
    }

    [Fact]
    public async Task MarkSentAsync_NeverDueAgain()
    {
        await _outbox.EnqueueAsync("slack", "k1", "1", CancellationToken.None);
        var id = (await _outbox.GetDueAsync("slack", 1, CancellationToken.None))[0].Id;

        await _outbox.MarkSentAsync(id, "ts-1", CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(1));

        Assert.Empty(await _outbox.GetDueAsync("slack", 10, CancellationToken.None));
        await using var context = _db.Queue.CreateContext();
        var stored = context.Messages.Single();
        Assert.Equal("sent", stored.Status);
        Assert.Equal("ts-1", stored.Result);
        Assert.Equal(1, stored.Attempts);
    }

    [Fact]
    public async Task GetDeadLettersAsync_GivenUpMessages_ListedNewestFirstWithErrorAndCounted()
    {
        await _outbox.EnqueueAsync("slack", "k1", "1", CancellationToken.None);
        await _outbox.EnqueueAsync("teams", "k2", "2", CancellationToken.None);
        await _outbox.EnqueueAsync("slack", "k3", "3", CancellationToken.None);
        var ids = (await _outbox.GetDueAsync("slack", 10, CancellationToken.None)).Select(m => m.Id).ToList();
        var teams = (await _outbox.GetDueAsync("teams", 10, CancellationToken.None))[0].Id;
        await _outbox.MarkFailedAsync(ids[0], "channel_not_found", null, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));
        await _outbox.MarkFailedAsync(teams, "BotNotInConversationRoster", null, CancellationToken.None);
        await _outbox.MarkSentAsync(ids[1], "C1:1.1", CancellationToken.None);

        var dead = await _outbox.GetDeadLettersAsync(10, CancellationToken.None);

        Assert.Equal(["k2", "k1"], dead.Select(d => d.IdempotencyKey));
        Assert.Equal("BotNotInConversationRoster", dead[0].LastError);
        Assert.Equal("teams", dead[0].Channel);
        Assert.Equal(1, dead[1].Attempts);
        Assert.Equal(_time.GetUtcNow().AddMinutes(-1), dead[1].FailedAt);
        Assert.Equal(2, await _outbox.CountDeadLettersAsync(CancellationToken.None));
    }

    [Fact]
    public async Task PurgeAsync_SentAndDeadOlderThanLimits_DeletedPendingKept()
    {
        foreach (var key in new[] { "old-sent", "old-dead", "new-sent", "new-dead", "pending" })
        {
            await _outbox.EnqueueAsync("slack", key, "{}", CancellationToken.None);
        }

        var ids = (await _outbox.GetDueAsync("slack", 10, CancellationToken.None)).ToDictionary(m => m.IdempotencyKey, m => m.Id);
        await _outbox.MarkSentAsync(ids["old-sent"], null, CancellationToken.None);
        await _outbox.MarkFailedAsync(ids["old-dead"], "is_archived", null, CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(10));
        await _outbox.MarkSentAsync(ids["new-sent"], null, CancellationToken.None);
        await _outbox.MarkFailedAsync(ids["new-dead"], "is_archived", null, CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(1));

        var purged = await _outbox.PurgeAsync(_time.GetUtcNow().AddDays(-5), _time.GetUtcNow().AddDays(-5), CancellationToken.None);

        Assert.Equal(2, purged);
        Assert.Equal(["new-dead"], (await _outbox.GetDeadLettersAsync(10, CancellationToken.None)).Select(d => d.IdempotencyKey));
        Assert.Equal(["pending"], (await _outbox.GetDueAsync("slack", 10, CancellationToken.None)).Select(m => m.IdempotencyKey));
        // The sent key younger than the limit is still known: enqueuing it again is a duplicate.
        Assert.False(await _outbox.EnqueueAsync("slack", "new-sent", "{}", CancellationToken.None));
        Assert.True(await _outbox.EnqueueAsync("slack", "old-sent", "{}", CancellationToken.None));
    }
}
