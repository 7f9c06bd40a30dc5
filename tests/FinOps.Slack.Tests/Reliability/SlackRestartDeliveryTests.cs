using FinOps.Conversation.Cards;
using FinOps.Conversation.Messaging;
using FinOps.Core.Reliability;
using FinOps.Slack.Outbound;
using FinOps.Slack.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Slack.Tests.Reliability;

/// <summary>
/// The process dies between composing and sending, or between sending and recording; a new host over the same SQLite
/// queue files is the restart. Each time exactly one message reaches (the fake) Slack.
/// </summary>
public sealed class SlackRestartDeliveryTests : IAsyncLifetime, IDisposable
{
    private const string MessageTs = "1772442000.000100";
    private static readonly Card Digest = new("digest", "Weekly digest: $1,234.00", [new TextBlock("Weekly digest")]);
    private static readonly ConversationAddress DigestChannel = new("slack", "C0DIGEST", SlackAppHost.TeamId);
    private static readonly TimeSpan PastLease = TimeSpan.FromMinutes(3);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly SqliteQueueFiles _files = new();
    private readonly List<SlackAppHost> _hosts = [];
    private FakeSlackServer _slack = null!;

    public async Task InitializeAsync() => _slack = await FakeSlackServer.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        await _slack.DisposeAsync();
    }

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData(DeathPoint.BeforeSend)]
    [InlineData(DeathPoint.AfterSend)]
    public async Task InboundAnswer_ProcessDiesAroundPost_RestartAnswersExactlyOnce(DeathPoint point)
    {
        var death = new ProcessDeath();
        var first = await StartAsync(death, point, IsPost);
        await first.PostEventAsync(SlackPayloads.AppMention("Ev1", "<@UBOT> top services", MessageTs));
        await WaitForDeathAsync(death);
        await StopAsync(first);
        Assert.Equal(point == DeathPoint.AfterSend ? 1 : 0, Answers().Count);

        _clock.Advance(PastLease);
        var second = await StartAsync();
        await second.PostEventAsync(SlackPayloads.AppMention("EvSentinel", "<@UBOT> sentinel", "9999999999.000001"));
        await _slack.NextCallAsync("chat.postMessage", c => c.Json["text"]!.GetValue<string>() == "Answer: sentinel");

        var answer = Assert.Single(Answers());
        Assert.Equal("C0CHAN", answer.Json["channel"]!.GetValue<string>());
        Assert.Equal("slack.message:" + SlackAppHost.TeamId + ":C0CHAN:" + MessageTs, answer.Json["metadata"]!["event_payload"]!["idempotency_key"]!.GetValue<string>());
        Assert.NotEmpty(_slack.CallsTo("conversations.history"));
        Assert.Empty(await OpenQueue().Outbox.GetDeadLettersAsync(10, default));
    }

    [Theory]
    [InlineData(DeathPoint.BeforeSend)]
    [InlineData(DeathPoint.AfterSend)]
    public async Task ProactiveSend_ProcessDiesAroundPost_RestartPostsExactlyOnce(DeathPoint point)
    {
        var death = new ProcessDeath();
        var first = await StartAsync(death, point, IsPost, withDispatcher: false);
        await using (var scope = first.Services.CreateAsyncScope())
        {
            await Assert.ThrowsAsync<ProcessDiedException>(() =>
                scope.ServiceProvider.GetRequiredService<SlackProactiveSender>().SendAsync(DigestChannel, Digest, "digest:payments:2026-03-02", default));
        }

        await StopAsync(first);
        Assert.Equal(point == DeathPoint.AfterSend ? 1 : 0, Digests().Count);

        _clock.Advance(PastLease);
        var second = await StartAsync(withDispatcher: false);
        await using (var scope = second.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SlackOutboundDelivery>().DeliverDueAsync(default);
            var again = await scope.ServiceProvider.GetRequiredService<SlackProactiveSender>().SendAsync(DigestChannel, Digest, "digest:payments:2026-03-02", default);
            Assert.StartsWith("C0DIGEST:", again.MessageId, StringComparison.Ordinal);
        }

        var post = Assert.Single(Digests());
        Assert.Equal("digest:payments:2026-03-02", post.Json["metadata"]!["event_payload"]!["idempotency_key"]!.GetValue<string>());
    }

    private static bool IsPost(HttpRequestMessage request) =>
        request.RequestUri!.AbsolutePath.EndsWith("/chat.postMessage", StringComparison.Ordinal);

    private List<RecordedCall> Answers() =>
        _slack.CallsTo("chat.postMessage").Where(c => c.Json["text"]!.GetValue<string>() == "Answer: top services").ToList();

    private List<RecordedCall> Digests() =>
        _slack.CallsTo("chat.postMessage").Where(c => c.Json["channel"]!.GetValue<string>() == "C0DIGEST").ToList();

    private (IWorkQueue Outbox, IIdempotencyStore Idempotency) OpenQueue() => _files.Open(_clock);

    private static async Task WaitForDeathAsync(ProcessDeath death)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (!death.IsDead)
        {
            await Task.Delay(10, guard.Token);
        }
    }

    private async Task<SlackAppHost> StartAsync(
        ProcessDeath? death = null, DeathPoint point = DeathPoint.BeforeSend, Func<HttpRequestMessage, bool>? dieAt = null, bool withDispatcher = true)
    {
        death ??= new ProcessDeath();
        var (outbox, idempotency) = OpenQueue();
        var host = await SlackAppHost.StartAsync(
            _slack,
            services: services =>
            {
                if (!withDispatcher)
                {
                    // The test drives delivery itself: the host's background dispatcher polling the same queue would race
                    // it for the item (and for the death point), and which of the two won would be down to timing.
                    foreach (var dispatcher in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(SlackOutboxDispatcher)).ToList())
                    {
                        services.Remove(dispatcher);
                    }
                }

                services.RemoveAll<IWorkQueue>();
                services.AddSingleton<IWorkQueue>(new DyingWorkQueue(outbox, death));
                services.RemoveAll<IIdempotencyStore>();
                services.AddSingleton<IIdempotencyStore>(new DyingIdempotencyStore(idempotency, death));
                if (dieAt is not null)
                {
                    services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(() => new DyingHandler(death, point, dieAt)));
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
}
