using System.Net;
using FinOps.Core.Reliability;
using FinOps.Slack.Inbound;
using FinOps.Slack.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace FinOps.Slack.Tests.Inbound;

/// <summary>The durable inbox: work acknowledged to Slack survives a restart and is answered exactly once.</summary>
public sealed class SlackInboxTests : IAsyncLifetime
{
    private const string MessageTs = "1772442000.000100";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly List<SlackAppHost> _hosts = [];
    private FakeSlackServer _slack = null!;
    private InMemoryWorkQueue _outbox = null!;
    private InMemoryIdempotencyStore _idempotency = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackServer.StartAsync();
        _outbox = new InMemoryWorkQueue(_clock);
        _idempotency = new InMemoryIdempotencyStore(_clock);
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task Events_AckedThenProcessStoppedBeforeWork_NewProcessAnswersOnce()
    {
        var first = await StartAsync(worker: false);
        var response = await first.PostEventAsync(SlackPayloads.AppMention("Ev1", "<@UBOT> top services", MessageTs));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, _outbox.PendingCount);
        await StopAsync(first);

        var second = await StartAsync(worker: true);
        var answer = await _slack.NextCallAsync("chat.postMessage");
        await AnswerSentinelAsync(second);

        Assert.Equal("Answer: top services", answer.Json["text"]!.GetValue<string>());
        Assert.Equal(2, _slack.CallsTo("chat.postMessage").Count);
        Assert.Equal(["top services", "sentinel"], second.Conversation.Messages.Select(m => m.Text));
        await StopAsync(second);
        Assert.Equal(0, _outbox.PendingCount);
    }

    [Fact]
    public async Task Events_RetryAfterCrashBeforeWork_StoredOnceAnsweredOnce()
    {
        var first = await StartAsync(worker: false);
        var mention = SlackPayloads.AppMention("Ev1", "<@UBOT> top services", MessageTs);
        await first.PostEventAsync(mention);
        await StopAsync(first);

        var second = await StartAsync(worker: true);
        var retry = await second.PostEventAsync(mention, new Dictionary<string, string> { ["X-Slack-Retry-Num"] = "1", ["X-Slack-Retry-Reason"] = "http_timeout" });
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        await _slack.NextCallAsync("chat.postMessage", c => c.Json["text"]!.GetValue<string>() == "Answer: top services");
        await AnswerSentinelAsync(second);

        Assert.Equal(2, _slack.CallsTo("chat.postMessage").Count);
        await StopAsync(second);
        Assert.Equal(0, _outbox.PendingCount);
    }

    [Fact]
    public async Task Events_CrashAfterPostBeforeMarkedDone_NotPostedAgain()
    {
        var first = await StartAsync(worker: false);
        var mention = SlackPayloads.AppMention("Ev1", "<@UBOT> top services", MessageTs);
        await first.PostEventAsync(mention);

        // The first process posted the answer and recorded it, then died before marking the inbox item done.
        var lease = TimeSpan.FromMinutes(2);
        var messageKey = SlackAppHost.TeamId + ":C0CHAN:" + MessageTs;
        Assert.True(await _idempotency.TryClaimAsync(SlackWorkProcessor.EventScope, "Ev1", lease, default));
        Assert.True(await _idempotency.TryClaimAsync(SlackWorkProcessor.MessageScope, messageKey, lease, default));
        await _idempotency.CompleteAsync(SlackWorkProcessor.MessageScope, messageKey, "1772442001.000100", default);
        await _idempotency.CompleteAsync(SlackWorkProcessor.EventScope, "Ev1", "1772442001.000100", default);
        await StopAsync(first);

        var second = await StartAsync(worker: true);
        await second.PostEventAsync(mention, new Dictionary<string, string> { ["X-Slack-Retry-Num"] = "1" });
        await AnswerSentinelAsync(second);

        Assert.Single(_slack.CallsTo("chat.postMessage"));
        Assert.Equal(["sentinel"], second.Conversation.Messages.Select(m => m.Text));
        await StopAsync(second);
        Assert.Equal(0, _outbox.PendingCount);
    }

    [Fact]
    public async Task Events_CrashMidAnswerThenRetryWithinLease_AnsweredOnceAfterLease()
    {
        var first = await StartAsync(worker: false);
        var mention = SlackPayloads.AppMention("Ev1", "<@UBOT> top services", MessageTs);
        await first.PostEventAsync(mention);

        // The first process claimed the event and died before answering: its claims stay until the lease runs out.
        var lease = TimeSpan.FromMinutes(2);
        Assert.True(await _idempotency.TryClaimAsync(SlackWorkProcessor.EventScope, "Ev1", lease, default));
        Assert.True(await _idempotency.TryClaimAsync(SlackWorkProcessor.MessageScope, SlackAppHost.TeamId + ":C0CHAN:" + MessageTs, lease, default));
        await StopAsync(first);

        var second = await StartAsync(worker: true);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var retry = await second.PostEventAsync(mention, new Dictionary<string, string> { ["X-Slack-Retry-Num"] = "1" });
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        await AnswerSentinelAsync(second);
        Assert.Equal(["sentinel"], second.Conversation.Messages.Select(m => m.Text));

        _clock.Advance(lease);
        var answer = await _slack.NextCallAsync("chat.postMessage", c => c.Json["text"]!.GetValue<string>() == "Answer: top services");

        Assert.Equal("C0CHAN", answer.Json["channel"]!.GetValue<string>());
        Assert.Equal(["sentinel", "top services"], second.Conversation.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task Commands_AckedThenProcessStopped_NewProcessRespondsOnce()
    {
        var first = await StartAsync(worker: false);
        var response = await first.PostFormAsync("/slack/commands", SlackPayloads.SlashCommand("top services", _slack.HookUrl("cmd1"), "t1"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await StopAsync(first);

        var second = await StartAsync(worker: true);
        await second.PostFormAsync("/slack/commands", SlackPayloads.SlashCommand("top services", _slack.HookUrl("cmd1"), "t1"));
        var hook = await _slack.NextCallAsync("hook");
        await second.PostFormAsync("/slack/commands", SlackPayloads.SlashCommand("sentinel", _slack.HookUrl("cmd2"), "t2"));
        await _slack.NextCallAsync("hook", c => c.Json["text"]!.GetValue<string>() == "Answer: sentinel");

        Assert.Equal("Answer: top services", hook.Json["text"]!.GetValue<string>());
        Assert.Equal(2, _slack.CallsTo("hook").Count);
    }

    [Fact]
    public async Task Events_PermanentSlackError_GivenUpNotRetried()
    {
        _slack.ScriptError("chat.postMessage", "channel_not_found");
        var host = await StartAsync(worker: true);
        await host.PostEventAsync(SlackPayloads.AppMention("Ev1", "<@UBOT> top services", MessageTs));
        await _slack.NextCallAsync("chat.postMessage");
        await AnswerSentinelAsync(host);

        _clock.Advance(TimeSpan.FromHours(1));
        await host.PostEventAsync(SlackPayloads.AppMention("EvLast", "<@UBOT> last", "9999999999.000002"));
        await _slack.NextCallAsync("chat.postMessage", c => c.Json["text"]!.GetValue<string>() == "Answer: last");

        Assert.Equal(["top services", "sentinel", "last"], host.Conversation.Messages.Select(m => m.Text));
        Assert.Equal(2, _slack.CallsTo("chat.postMessage").Count(c => c.Json["text"]!.GetValue<string>() != "Answer: top services"));
        await StopAsync(host);
        Assert.Equal(0, _outbox.PendingCount);
    }

    [Fact]
    public async Task Commands_UntrustedResponseUrl_DeadLetterAtOnceWithError()
    {
        var host = await StartAsync(worker: true);
        await host.PostFormAsync("/slack/commands", SlackPayloads.SlashCommand("top", new Uri("http://169.254.169.254/latest/meta-data"), "t1"));
        await host.PostFormAsync("/slack/commands", SlackPayloads.SlashCommand("sentinel", _slack.HookUrl("cmd2"), "t2"));
        await _slack.NextCallAsync("hook", c => c.Json["text"]!.GetValue<string>() == "Answer: sentinel");
        await StopAsync(host);

        var dead = Assert.Single(await _outbox.GetDeadLettersAsync(10, default));
        Assert.Equal(SlackInbox.Channel, dead.Channel);
        Assert.Equal("untrusted_response_url", dead.LastError);
        Assert.Equal(1, dead.Attempts);
        Assert.Equal(0, _outbox.PendingCount);
        Assert.Single(_slack.CallsTo("hook"));
    }

    [Fact]
    public async Task Events_InboxCannotStore_Returns503AndNothingHappens()
    {
        var failing = new Mock<IWorkQueue>();
        failing.Setup(o => o.EnqueueAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("database is down"));
        failing.Setup(o => o.GetDueAsync(It.IsAny<string>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Array.Empty<QueuedWork>());
        var host = await StartAsync(worker: true, outbox: failing.Object);

        var ev = await host.PostEventAsync(SlackPayloads.AppMention("Ev1", "<@UBOT> top services", MessageTs));
        var command = await host.PostFormAsync("/slack/commands", SlackPayloads.SlashCommand("top services", _slack.HookUrl("cmd1"), "t1"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ev.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, command.StatusCode);
        Assert.Empty(host.Conversation.Messages);
        failing.Verify(o => o.EnqueueAsync(SlackInbox.Channel, SlackInbox.Channel + ":event:" + SlackAppHost.TeamId + ":Ev1", It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Events_AcknowledgedOnlyAfterStored_ItemInInboxWhenOkReturned()
    {
        var stored = new TaskCompletionSource();
        var gate = new TaskCompletionSource();
        var outbox = new Mock<IWorkQueue>();
        outbox.Setup(o => o.EnqueueAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns(async () =>
            {
                stored.SetResult();
                await gate.Task;
                return true;
            });
        outbox.Setup(o => o.GetDueAsync(It.IsAny<string>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Array.Empty<QueuedWork>());
        var host = await StartAsync(worker: false, outbox: outbox.Object);

        var post = host.PostEventAsync(SlackPayloads.AppMention("Ev1", "<@UBOT> top services", MessageTs));
        await stored.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.False(post.IsCompleted);
        gate.SetResult();

        Assert.Equal(HttpStatusCode.OK, (await post).StatusCode);
    }

    [Fact]
    public void Serialize_EachWorkKind_RoundTrips()
    {
        using var document = System.Text.Json.JsonDocument.Parse("""{"type":"app_mention","text":"hi"}""");
        var command = new SlackSlashCommand("T1", "C1", "U1", "alice", "/finops", "top", new Uri("https://hooks.slack.com/commands/1"), "t1");
        SlackWorkItem[] items =
        [
            new SlackEventWork("T1", "Ev1", "UBOT", document.RootElement.Clone()),
            new SlackCommandWork(command),
            new SlackInteractionWork(document.RootElement.Clone()),
        ];

        foreach (var item in items)
        {
            var back = SlackInbox.Deserialize(SlackInbox.Serialize(item));
            Assert.NotNull(back);
            Assert.Equal(item.GetType(), back.GetType());
            Assert.Equal(SlackInbox.Serialize(item), SlackInbox.Serialize(back));
        }

        Assert.Equal(command, ((SlackCommandWork)SlackInbox.Deserialize(SlackInbox.Serialize(items[1]))!).Command);
        Assert.Null(SlackInbox.Deserialize("""{"kind":"unknown"}"""));
        Assert.Null(SlackInbox.Deserialize("not json"));
    }

    private async Task<SlackAppHost> StartAsync(bool worker, IWorkQueue? outbox = null)
    {
        var host = await SlackAppHost.StartAsync(
            _slack,
            services: services =>
            {
                services.RemoveAll<IWorkQueue>();
                services.AddSingleton(outbox ?? _outbox);
                services.RemoveAll<IIdempotencyStore>();
                services.AddSingleton<IIdempotencyStore>(_idempotency);
                if (!worker)
                {
                    services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(SlackWorker)));
                }
            },
            clock: _clock);
        _hosts.Add(host);
        return host;
    }

    private async Task StopAsync(SlackAppHost host)
    {
        _hosts.Remove(host);
        await host.DisposeAsync();
    }

    private async Task AnswerSentinelAsync(SlackAppHost host)
    {
        await host.PostEventAsync(SlackPayloads.AppMention("EvSentinel", "<@UBOT> sentinel", "9999999999.000001"));
        await _slack.NextCallAsync("chat.postMessage", c => c.Json["text"]!.GetValue<string>() == "Answer: sentinel");
    }
}
