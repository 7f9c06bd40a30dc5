using FinOps.Core.Reliability;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Slack.Tests.Reliability;

public sealed class InMemoryWorkQueueTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task EnqueueAsync_SameKeyTwice_StoredOnce()
    {
        var outbox = new InMemoryWorkQueue(_clock);
        Assert.True(await outbox.EnqueueAsync("slack", "k", "{}", default));
        Assert.False(await outbox.EnqueueAsync("slack", "k", "{}", default));
        Assert.Single(await outbox.GetDueAsync("slack", 10, default));
        Assert.Empty(await outbox.GetDueAsync("teams", 10, default));
    }

    [Fact]
    public async Task MarkFailedAsync_RetryAt_DueOnlyThen()
    {
        var outbox = new InMemoryWorkQueue(_clock);
        await outbox.EnqueueAsync("slack", "k", "{}", default);
        var message = (await outbox.GetDueAsync("slack", 10, default))[0];
        await outbox.MarkFailedAsync(message.Id, "http_503", _clock.GetUtcNow().AddMinutes(1), default);
        Assert.Empty(await outbox.GetDueAsync("slack", 10, default));
        _clock.Advance(TimeSpan.FromMinutes(1));
        var again = Assert.Single(await outbox.GetDueAsync("slack", 10, default));
        Assert.Equal(1, again.Attempts);
        Assert.Equal("http_503", again.LastError);
    }

    [Fact]
    public async Task MarkSentAsync_Sent_NeverDueAgain()
    {
        var outbox = new InMemoryWorkQueue(_clock);
        await outbox.EnqueueAsync("slack", "k", "{}", default);
        var message = (await outbox.GetDueAsync("slack", 10, default))[0];
        await outbox.MarkSentAsync(message.Id, "C1:1.2", default);
        Assert.Empty(await outbox.GetDueAsync("slack", 10, default));
        Assert.Equal(0, outbox.PendingCount);
    }

    [Fact]
    public async Task MarkFailedAsync_NoRetry_Dead()
    {
        var outbox = new InMemoryWorkQueue(_clock);
        await outbox.EnqueueAsync("slack", "k", "{}", default);
        var message = (await outbox.GetDueAsync("slack", 10, default))[0];
        await outbox.MarkFailedAsync(message.Id, "channel_not_found", null, default);
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Empty(await outbox.GetDueAsync("slack", 10, default));
    }

    [Fact]
    public async Task PurgeAsync_SentAndDeadOlderThanLimits_DeletedPendingAndYoungerKept()
    {
        var outbox = new InMemoryWorkQueue(_clock);
        foreach (var key in new[] { "old-sent", "old-dead", "new-dead", "pending" })
        {
            await outbox.EnqueueAsync("slack", key, "{}", default);
        }

        var ids = (await outbox.GetDueAsync("slack", 10, default)).ToDictionary(m => m.IdempotencyKey, m => m.Id);
        await outbox.MarkSentAsync(ids["old-sent"], null, default);
        await outbox.MarkFailedAsync(ids["old-dead"], "is_archived", null, default);
        _clock.Advance(TimeSpan.FromDays(10));
        await outbox.MarkFailedAsync(ids["new-dead"], "not_in_channel", null, default);
        Assert.Equal(["new-dead", "old-dead"], (await outbox.GetDeadLettersAsync(10, default)).Select(d => d.IdempotencyKey));

        Assert.Equal(2, await outbox.PurgeAsync(_clock.GetUtcNow().AddDays(-5), _clock.GetUtcNow().AddDays(-5), default));

        var dead = Assert.Single(await outbox.GetDeadLettersAsync(10, default));
        Assert.Equal(("new-dead", "not_in_channel"), (dead.IdempotencyKey, dead.LastError));
        Assert.Equal(1, await outbox.CountDeadLettersAsync(default));
        Assert.Equal(1, outbox.PendingCount);
    }
}
