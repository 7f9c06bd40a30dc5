using FinOps.Core.Reliability;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Slack.Tests.Reliability;

public sealed class InMemoryWorkQueueClaimTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task TryClaimAsync_ManyConcurrentClaimers_ExactlyOneWins()
    {
        var outbox = new InMemoryWorkQueue(_clock);
        await outbox.EnqueueAsync("slack-inbound", "k1", "{}", default);
        var id = Assert.Single(await outbox.GetDueAsync("slack-inbound", 10, default)).Id;

        var won = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() => outbox.TryClaimAsync(id, "worker-" + i, Lease, default))));

        Assert.Single(won, w => w);
        Assert.Empty(await outbox.GetDueAsync("slack-inbound", 10, default));
    }

    [Fact]
    public async Task TryClaimAsync_LeaseExpired_ClaimableAgain_SentNever()
    {
        var outbox = new InMemoryWorkQueue(_clock);
        await outbox.EnqueueAsync("slack-inbound", "k1", "{}", default);
        var id = Assert.Single(await outbox.GetDueAsync("slack-inbound", 10, default)).Id;
        Assert.True(await outbox.TryClaimAsync(id, "dead-worker", Lease, default));
        Assert.False(await outbox.TryClaimAsync(id, "other", Lease, default));

        _clock.Advance(Lease);
        Assert.True(await outbox.TryClaimAsync(id, "other", Lease, default));
        await outbox.MarkSentAsync(id, null, default);

        _clock.Advance(Lease);
        Assert.False(await outbox.TryClaimAsync(id, "third", Lease, default));
    }
}
