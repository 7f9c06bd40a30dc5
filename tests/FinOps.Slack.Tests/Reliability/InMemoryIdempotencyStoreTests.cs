using FinOps.Core.Reliability;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Slack.Tests.Reliability;

public sealed class InMemoryIdempotencyStoreTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task TryClaimAsync_ClaimedTwice_SecondFails()
    {
        var store = new InMemoryIdempotencyStore(_clock);
        Assert.True(await store.TryClaimAsync("s", "k", Lease, default));
        Assert.False(await store.TryClaimAsync("s", "k", Lease, default));
        Assert.True(await store.TryClaimAsync("other", "k", Lease, default));
    }

    [Fact]
    public async Task TryClaimAsync_LeaseExpired_ClaimedAgain()
    {
        var store = new InMemoryIdempotencyStore(_clock);
        await store.TryClaimAsync("s", "k", Lease, default);
        _clock.Advance(Lease);
        Assert.True(await store.TryClaimAsync("s", "k", Lease, default));
    }

    [Fact]
    public async Task ReleaseAsync_AfterFailure_ClaimedAgain()
    {
        var store = new InMemoryIdempotencyStore(_clock);
        await store.TryClaimAsync("s", "k", Lease, default);
        await store.ReleaseAsync("s", "k", default);
        Assert.True(await store.TryClaimAsync("s", "k", Lease, default));
    }

    [Fact]
    public async Task CompleteAsync_Completed_NotClaimableUntilRetentionEnds()
    {
        var store = new InMemoryIdempotencyStore(_clock, TimeSpan.FromHours(1));
        await store.TryClaimAsync("s", "k", Lease, default);
        await store.CompleteAsync("s", "k", "ts-1", default);
        await store.ReleaseAsync("s", "k", default);
        _clock.Advance(TimeSpan.FromMinutes(59));
        Assert.False(await store.TryClaimAsync("s", "k", Lease, default));
        Assert.Equal("ts-1", await store.GetResultAsync("s", "k", default));
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(await store.GetResultAsync("s", "k", default));
        Assert.True(await store.TryClaimAsync("s", "k", Lease, default));
    }
}
