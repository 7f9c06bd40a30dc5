using FinOps.Storage.Reliability;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Storage.Tests;

/// <remarks>On SQLite; <see cref="PostgreSql.EfIdempotencyStorePostgreSqlTests"/> runs the same tests on PostgreSQL.</remarks>
public class EfIdempotencyStoreTests : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private readonly TestDatabase _db;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly EfIdempotencyStore _store;

    public EfIdempotencyStoreTests()
        : this(StorageProvider.Sqlite)
    {
    }

    protected EfIdempotencyStoreTests(StorageProvider provider)
    {
        _db = new TestDatabase(provider: provider);
        _store = new EfIdempotencyStore(_db.Queue, _time);
    }

    public void Dispose()
    {
        _db.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task TryClaimAsync_NewKey_Succeeds_SecondClaimFails()
    {
        Assert.True(await _store.TryClaimAsync("slack", "evt-1", Lease, CancellationToken.None));
        Assert.False(await _store.TryClaimAsync("slack", "evt-1", Lease, CancellationToken.None));
        Assert.True(await _store.TryClaimAsync("teams", "evt-1", Lease, CancellationToken.None));
    }

    [Fact]
    public async Task TryClaimAsync_Completed_FailsEvenAfterLease()
    {
        await _store.TryClaimAsync("slack", "evt-1", Lease, CancellationToken.None);
        await _store.CompleteAsync("slack", "evt-1", "ts-123", CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(1));

        Assert.False(await _store.TryClaimAsync("slack", "evt-1", Lease, CancellationToken.None));
        Assert.Equal("ts-123", await _store.GetResultAsync("slack", "evt-1", CancellationToken.None));
    }

    [Fact]
    public async Task TryClaimAsync_LeaseExpired_ClaimedAgain()
    {
        await _store.TryClaimAsync("slack", "evt-1", Lease, CancellationToken.None);
        _time.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.False(await _store.TryClaimAsync("slack", "evt-1", Lease, CancellationToken.None));

        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(await _store.TryClaimAsync("slack", "evt-1", Lease, CancellationToken.None));
        Assert.False(await _store.TryClaimAsync("slack", "evt-1", Lease, CancellationToken.None));
    }

    [Fact]
    public async Task ReleaseAsync_AfterFailure_NextClaimSucceeds()
    {
        await _store.TryClaimAsync("slack", "evt-1", Lease, CancellationToken.None);

        await _store.ReleaseAsync("slack", "evt-1", CancellationToken.None);

        Assert.True(await _store.TryClaimAsync("slack", "evt-1", Lease, CancellationToken.None));
    }

    [Fact]
    public async Task ReleaseAsync_Completed_KeepsCompletion()
    {
        await _store.TryClaimAsync("slack", "evt-1", Lease, CancellationToken.None);
        await _store.CompleteAsync("slack", "evt-1", null, CancellationToken.None);

        await _store.ReleaseAsync("slack", "evt-1", CancellationToken.None);

        Assert.False(await _store.TryClaimAsync("slack", "evt-1", Lease, CancellationToken.None));
    }

    [Fact]
    public async Task GetResultAsync_NotCompleted_Null()
    {
        await _store.TryClaimAsync("slack", "evt-1", Lease, CancellationToken.None);

        Assert.Null(await _store.GetResultAsync("slack", "evt-1", CancellationToken.None));
        Assert.Null(await _store.GetResultAsync("slack", "unknown", CancellationToken.None));
    }
}
