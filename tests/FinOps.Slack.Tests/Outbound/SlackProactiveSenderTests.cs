using FinOps.Conversation.Cards;
using FinOps.Core.Reliability;
using FinOps.Slack.Outbound;
using FinOps.Slack.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Slack.Tests.Outbound;

public sealed class SlackProactiveSenderTests : IAsyncLifetime
{
    private static readonly Card Digest = new("digest", "Weekly digest: $1,234.00", [new TextBlock("Weekly digest")]);
    private static readonly ConversationAddress Channel = new("slack", "C0DIGEST", "T0TEAM");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private FakeSlackServer _slack = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackServer.StartAsync();
        _services = SlackServices.Build(_slack, _clock, s => s["Slack:MaxRetryAttempts"] = "1");
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task SendAsync_SlackUp_PostedOnceEvenWhenCalledTwice()
    {
        await using var scope = _services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<SlackProactiveSender>();

        var first = await sender.SendAsync(Channel, Digest, "digest:2026-W10:C0DIGEST", default);
        var second = await sender.SendAsync(Channel, Digest, "digest:2026-W10:C0DIGEST", default);

        Assert.Equal(first, second);
        Assert.Equal("C0DIGEST:1700000000.000001", first.MessageId);
        var post = Assert.Single(_slack.CallsTo("chat.postMessage"));
        Assert.Equal("Weekly digest: $1,234.00", post.Json["text"]!.GetValue<string>());

        // The dispatcher finds the delivered key and only closes the outbox entry.
        await DeliverDueAsync();
        Assert.Single(_slack.CallsTo("chat.postMessage"));
        Assert.Equal(0, ((InMemoryWorkQueue)_services.GetRequiredService<IWorkQueue>()).PendingCount);
    }

    [Fact]
    public async Task SendAsync_UserId_OpensDirectMessageFirst()
    {
        await using var scope = _services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<SlackProactiveSender>();

        var sent = await sender.SendAsync(new ConversationAddress("slack", "U0OWNER", "T0TEAM"), Digest, "alert:1", default);

        Assert.Equal(["conversations.open", "chat.postMessage"], _slack.Calls.Select(c => c.Method));
        Assert.StartsWith("D0DM:", sent.MessageId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_SlackDown_StaysQueuedAndDispatcherDeliversWithBackoff()
    {
        for (var i = 0; i < 4; i++)
        {
            _slack.ScriptStatus("chat.postMessage", 503);
        }

        await using (var scope = _services.CreateAsyncScope())
        {
            var sender = scope.ServiceProvider.GetRequiredService<SlackProactiveSender>();
            var ex = await Assert.ThrowsAsync<SlackDeliveryDeferredException>(() => sender.SendAsync(Channel, Digest, "digest:1", default));
            Assert.IsType<FinOps.Slack.WebApi.SlackApiException>(ex.InnerException);
        }

        // First dispatcher pass: Slack still down, the message is scheduled 30 s later (OutboxRetryBaseDelay).
        Assert.Equal(0, await DeliverDueAsync());
        Assert.Equal(0, await DeliverDueAsync());
        Assert.Equal(4, _slack.CallsTo("chat.postMessage").Count);

        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await DeliverDueAsync());

        Assert.Equal(5, _slack.CallsTo("chat.postMessage").Count);
        Assert.Equal(0, ((InMemoryWorkQueue)_services.GetRequiredService<IWorkQueue>()).PendingCount);
        await using (var scope = _services.CreateAsyncScope())
        {
            var sent = await scope.ServiceProvider.GetRequiredService<SlackProactiveSender>().SendAsync(Channel, Digest, "digest:1", default);
            Assert.Equal("C0DIGEST:1700000000.000001", sent.MessageId);
        }

        Assert.Equal(5, _slack.CallsTo("chat.postMessage").Count);
    }

    [Fact]
    public async Task DeliverDueAsync_PermanentError_GivenUp()
    {
        await _services.GetRequiredService<IWorkQueue>().EnqueueAsync(
            "slack", "k1", """{"TeamId":"T0TEAM","Channel":"C404","ThreadTs":null,"Text":"x","Blocks":"[]"}""", default);
        _slack.ScriptError("chat.postMessage", "channel_not_found");

        Assert.Equal(0, await DeliverDueAsync());
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await DeliverDueAsync());

        Assert.Single(_slack.CallsTo("chat.postMessage"));
        Assert.Equal(0, ((InMemoryWorkQueue)_services.GetRequiredService<IWorkQueue>()).PendingCount);
    }

    [Theory]
    [InlineData("channel_not_found")]
    [InlineData("not_in_channel")]
    [InlineData("is_archived")]
    public async Task DeliverDueAsync_PermanentError_DeadLetterAtOnceWithError(string error)
    {
        var outbox = _services.GetRequiredService<IWorkQueue>();
        await outbox.EnqueueAsync("slack", "k1", """{"TeamId":"T0TEAM","Channel":"C0GONE","ThreadTs":null,"Text":"x","Blocks":"[]"}""", default);
        _slack.ScriptError("chat.postMessage", error);

        Assert.Equal(0, await DeliverDueAsync());
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await DeliverDueAsync());

        Assert.Single(_slack.CallsTo("chat.postMessage"));
        var dead = Assert.Single(await outbox.GetDeadLettersAsync(10, default));
        Assert.Equal(("k1", error, 1), (dead.IdempotencyKey, dead.LastError, dead.Attempts));
        Assert.Equal(1, await outbox.CountDeadLettersAsync(default));
    }

    [Fact]
    public async Task DeliverDueAsync_TransientError_RetriedNotDead()
    {
        var outbox = _services.GetRequiredService<IWorkQueue>();
        await outbox.EnqueueAsync("slack", "k1", """{"TeamId":"T0TEAM","Channel":"C0DIGEST","ThreadTs":null,"Text":"x","Blocks":"[]"}""", default);
        // Two answers: the HTTP client's own retry (Slack:MaxRetryAttempts = 1) fails too.
        _slack.ScriptStatus("chat.postMessage", 503);
        _slack.ScriptStatus("chat.postMessage", 503);

        Assert.Equal(0, await DeliverDueAsync());
        Assert.Empty(await outbox.GetDeadLettersAsync(10, default));
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await DeliverDueAsync());

        Assert.Empty(await outbox.GetDeadLettersAsync(10, default));
        Assert.Equal(3, _slack.CallsTo("chat.postMessage").Count);
    }

    [Fact]
    public async Task DeliverDueAsync_PostedButAnswerTimedOut_FoundByMetadataNotPostedTwice()
    {
        await using var services = SlackServices.Build(_slack, _clock, s =>
        {
            s["Slack:MaxRetryAttempts"] = "3";
            s["Slack:AttemptTimeout"] = "00:00:00.300";
        });

        // Slack accepts the post, then the answer never comes back within the attempt's timeout.
        _slack.ScriptPostedWithoutAnswer();
        await using (var scope = services.CreateAsyncScope())
        {
            var sender = scope.ServiceProvider.GetRequiredService<SlackProactiveSender>();
            await Assert.ThrowsAsync<SlackDeliveryDeferredException>(() => sender.SendAsync(Channel, Digest, "digest:2026-W10:C0DIGEST", default));
        }

        await using (var scope = services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<SlackOutboundDelivery>().DeliverDueAsync(default));
        }

        var post = await _slack.NextCallAsync("chat.postMessage");
        Assert.Single(_slack.CallsTo("chat.postMessage"));
        Assert.Equal("finops_delivery", post.Json["metadata"]!["event_type"]!.GetValue<string>());
        Assert.Equal("digest:2026-W10:C0DIGEST", post.Json["metadata"]!["event_payload"]!["idempotency_key"]!.GetValue<string>());
        var lookup = Assert.Single(_slack.CallsTo("conversations.history"));
        Assert.Contains("include_all_metadata=true", lookup.Body, StringComparison.Ordinal);
        Assert.Equal(0, ((InMemoryWorkQueue)services.GetRequiredService<IWorkQueue>()).PendingCount);
        await using (var scope = services.CreateAsyncScope())
        {
            var sent = await scope.ServiceProvider.GetRequiredService<SlackProactiveSender>().SendAsync(Channel, Digest, "digest:2026-W10:C0DIGEST", default);
            Assert.Equal("C0DIGEST:1700000001.000001", sent.MessageId);
        }

        Assert.Single(_slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task DeliverDueAsync_EarlierAttemptNeverReachedSlack_PostedAfterLookingOnce()
    {
        for (var i = 0; i < 2; i++)
        {
            _slack.ScriptStatus("chat.postMessage", 503);
        }

        await using (var scope = _services.CreateAsyncScope())
        {
            await Assert.ThrowsAsync<SlackDeliveryDeferredException>(
                () => scope.ServiceProvider.GetRequiredService<SlackProactiveSender>().SendAsync(Channel, Digest, "digest:1", default));
        }

        Assert.Equal(1, await DeliverDueAsync());

        Assert.Single(_slack.CallsTo("conversations.history"));
        Assert.Equal(3, _slack.CallsTo("chat.postMessage").Count);
    }

    [Fact]
    public async Task NextAttempt_Attempts_ExponentialUpToMaximumThenGivenUp()
    {
        await using var scope = _services.CreateAsyncScope();
        var delivery = scope.ServiceProvider.GetRequiredService<SlackOutboundDelivery>();
        var now = _clock.GetUtcNow();

        Assert.Equal(now.AddSeconds(30), delivery.NextAttempt(1, null));
        Assert.Equal(now.AddSeconds(60), delivery.NextAttempt(2, null));
        Assert.Equal(now.AddMinutes(30), delivery.NextAttempt(12, null));
        Assert.Equal(now.AddMinutes(2), delivery.NextAttempt(1, new FinOps.Slack.WebApi.SlackApiException("chat.postMessage", "ratelimited", null, TimeSpan.FromMinutes(2))));
        Assert.Null(delivery.NextAttempt(20, null));
    }

    [Fact]
    public async Task UpdateAsync_SentMessage_ChatUpdateOnItsChannelAndTs()
    {
        await using var scope = _services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<SlackProactiveSender>();

        await sender.UpdateAsync(new FinOps.Conversation.Messaging.SentMessage(Channel, "D0DM:1700000000.000009"), Digest, default);

        var update = Assert.Single(_slack.CallsTo("chat.update"));
        Assert.Equal("D0DM", update.Json["channel"]!.GetValue<string>());
        Assert.Equal("1700000000.000009", update.Json["ts"]!.GetValue<string>());
    }

    [Fact]
    public void AddSlack_ProactiveSenders_IncludeSlack()
    {
        using var scope = _services.CreateScope();
        var senders = scope.ServiceProvider.GetServices<FinOps.Conversation.Messaging.IProactiveSender>();
        Assert.Equal("slack", Assert.Single(senders).Channel);
    }

    private async Task<int> DeliverDueAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SlackOutboundDelivery>().DeliverDueAsync(default);
    }
}
