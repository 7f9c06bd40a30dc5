using FinOps.Storage.Reliability;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Storage.Tests.Queue;

/// <summary>Claims on queued work: one worker per item, leases that run out when a worker dies.</summary>
/// <remarks>On SQLite; <see cref="PostgreSql.EfWorkQueueClaimPostgreSqlTests"/> runs the same tests on PostgreSQL.</remarks>
public class EfWorkQueueClaimTests : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private readonly TestDatabase _db;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly EfWorkQueue _outbox;

    public EfWorkQueueClaimTests()
        : this(StorageProvider.Sqlite)
    {
    }

    protected EfWorkQueueClaimTests(StorageProvider provider)
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
    public async Task TryClaimAsync_ManyConcurrentClaimers_ExactlyOneWins()
    {
        var id = await EnqueueAsync("k1");
        using var start = new ManualResetEventSlim();
        var claimers = Enumerable.Range(0, 32)
            .Select(i => Task.Run(() =>
            {
                start.Wait();

                // Each claimer as its own worker (own outbox, own connection), as separate processes would be.
                return new EfWorkQueue(_db.Queue, _time).TryClaimAsync(id, "worker-" + i, Lease, CancellationToken.None);
            }))
            .ToList();
        start.Set();

        var won = await Task.WhenAll(claimers);

        Assert.Single(won, w => w);
        Assert.Empty(await _outbox.GetDueAsync("slack-inbound", 10, CancellationToken.None));
    }

    [Fact]
    public async Task TryClaimAsync_LeaseExpired_ClaimableAgain()
    {
        var id = await EnqueueAsync("k1");
        Assert.True(await _outbox.TryClaimAsync(id, "dead-worker", Lease, CancellationToken.None));

        _time.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.False(await _outbox.TryClaimAsync(id, "other", Lease, CancellationToken.None));
        Assert.Empty(await _outbox.GetDueAsync("slack-inbound", 10, CancellationToken.None));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Single(await _outbox.GetDueAsync("slack-inbound", 10, CancellationToken.None));
        Assert.True(await _outbox.TryClaimAsync(id, "other", Lease, CancellationToken.None));
    }

    [Fact]
    public async Task TryClaimAsync_AfterSent_Fails()
    {
        // A stale due list (read before another worker finished the item) must not let it be worked again.
        var id = await EnqueueAsync("k1");
        Assert.True(await _outbox.TryClaimAsync(id, "first", Lease, CancellationToken.None));
        await _outbox.MarkSentAsync(id, null, CancellationToken.None);

        Assert.False(await _outbox.TryClaimAsync(id, "second", Lease, CancellationToken.None));
    }

    [Fact]
    public async Task MarkFailedAsync_Claimed_ReleasesClaimForTheRetry()
    {
        var id = await EnqueueAsync("k1");
        Assert.True(await _outbox.TryClaimAsync(id, "first", Lease, CancellationToken.None));
        await _outbox.MarkFailedAsync(id, "ratelimited", _time.GetUtcNow().AddSeconds(5), CancellationToken.None);

        Assert.False(await _outbox.TryClaimAsync(id, "second", Lease, CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(await _outbox.TryClaimAsync(id, "second", Lease, CancellationToken.None));
    }

    private async Task<long> EnqueueAsync(string key)
    {
        Assert.True(await _outbox.EnqueueAsync("slack-inbound", key, "{}", CancellationToken.None));
        return Assert.Single(await _outbox.GetDueAsync("slack-inbound", 10, CancellationToken.None)).Id;
    }
}
