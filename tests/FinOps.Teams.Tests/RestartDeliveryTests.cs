using System.Net;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Messaging;
using FinOps.Core.Reliability;
using FinOps.Teams.Activities;
using FinOps.Teams.Connector;
using FinOps.Teams.Conversations;
using FinOps.Teams.Delivery;
using FinOps.Teams.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Teams.Tests;

/// <summary>
/// Durable Teams delivery: the process dies between composing and sending, or between sending and recording; a new host
/// over the same SQLite queue files (and the same conversation references) is the restart. Each time exactly one message
/// reaches the fake Bot Connector.
/// </summary>
public sealed class RestartDeliveryTests : IAsyncLifetime, IDisposable
{
    private const string Key = "digest:payments:2026-11-23";
    private static readonly Card Digest = new("digest", "Daily digest: $1,234.00", [new TitleBlock("Daily digest")]);
    private static readonly ConversationAddress Personal = new("teams", Activities.PersonalConversationId, FakeBotFramework.TenantId);
    private static readonly TimeSpan PastLease = TimeSpan.FromMinutes(6);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly SqliteQueueFiles _files = new();
    private readonly InMemoryConversationReferenceStore _references = new();
    private readonly List<BotHost> _hosts = [];
    private FakeBotFramework _bf = null!;

    public async Task InitializeAsync()
    {
        _bf = await FakeBotFramework.StartAsync();
        await _references.StoreAsync(
            new TeamsConversationReference(
                Activities.PersonalConversationId, _bf.ServiceUrl, "personal", FakeBotFramework.TenantId, Activities.BotId, Activities.UserId, null, null, null, _time.GetUtcNow()),
            CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        await _bf.DisposeAsync();
    }

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task ProactiveSend_ProcessDiesBetweenComposeAndSend_RestartPostsExactlyOnce()
    {
        var death = new ProcessDeath();
        var first = await StartAsync(death, dieAt: (DeathPoint.BeforeSend, IsCardPost));
        await Assert.ThrowsAsync<TeamsDeliveryDeferredException>(() => Sender(first).SendAsync(Personal, Digest, Key, default));
        await StopAsync(first);
        Assert.Empty(CardPosts());

        _time.Advance(PastLease);
        var second = await StartAsync();
        await DeliverDueAsync(second);
        var sent = await SendWhenSettledAsync(second);

        var post = Assert.Single(CardPosts());
        Assert.Equal("Daily digest: $1,234.00", (string?)post.Body!["attachments"]![0]!["content"]!["fallbackText"]);
        Assert.StartsWith("activity-", sent.MessageId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChannelPost_ProcessDiesBetweenComposeAndSend_RestartStartsExactlyOneThread()
    {
        var team = new TeamsConversationReference(
            "19:general@thread.tacv2", _bf.ServiceUrl, "channel", FakeBotFramework.TenantId, Activities.BotId, null, null, "19:team@thread.tacv2", "19:general@thread.tacv2", _time.GetUtcNow());
        await _references.StoreAsync(team, CancellationToken.None);
        var death = new ProcessDeath();
        var first = await StartAsync(death, dieAt: (DeathPoint.BeforeSend, IsThreadStart));
        await Assert.ThrowsAsync<TeamsDeliveryDeferredException>(
            () => ChannelSender(first).PostToChannelAsync(team, "19:costs@thread.tacv2", Digest, Key, default));
        await StopAsync(first);
        Assert.Empty(ThreadStarts());

        _time.Advance(PastLease);
        var second = await StartAsync();
        await DeliverDueAsync(second);
        SentMessage? sent = null;
        for (var attempt = 0; sent is null; attempt++)
        {
            try
            {
                sent = await ChannelSender(second).PostToChannelAsync(team, "19:costs@thread.tacv2", Digest, Key, default);
            }
            catch (TeamsDeliveryDeferredException) when (attempt < 100)
            {
                await Task.Delay(50);
            }
        }

        var start = Assert.Single(ThreadStarts());
        Assert.Equal("19:costs@thread.tacv2", (string?)start.Body!["channelData"]!["channel"]!["id"]);
        Assert.Equal("Daily digest: $1,234.00", (string?)start.Body!["activity"]!["attachments"]![0]!["content"]!["fallbackText"]);
        Assert.NotEqual("19:costs@thread.tacv2", sent.Conversation.Id);
        Assert.NotNull(await _references.GetAsync(sent.Conversation.Id, CancellationToken.None));
    }

    [Fact]
    public async Task ProactiveSend_ProcessDiesBetweenSendAndQueueRecord_RestartDoesNotPostAgain()
    {
        var death = new ProcessDeath();
        var first = await StartAsync(death, dieOnMarkSent: true);
        var sent = await Sender(first).SendAsync(Personal, Digest, Key, default);

        // The dispatcher finds the send recorded and dies marking the queue item sent.
        await Assert.ThrowsAsync<ProcessDiedException>(() => DeliverDueAsync(first));
        await StopAsync(first);
        Assert.Single(CardPosts());

        _time.Advance(PastLease);
        var second = await StartAsync();
        await DeliverDueAsync(second);
        var again = await SendWhenSettledAsync(second);

        Assert.Single(CardPosts());
        Assert.Equal(sent.MessageId, again.MessageId);
        Assert.Empty(await _files.Open(_time).Outbox.GetDueAsync(TeamsOutboundDelivery.Channel, 10, default));
    }

    [Fact]
    public async Task ProactiveSend_ConversationGone_DeadLetteredNotRetried()
    {
        var host = await StartAsync();
        _bf.Respond = _ => (403, """{"error":{"code":"BotNotInConversationRoster","message":"The bot is not part of the conversation roster."}}""", null);

        var failure = await Assert.ThrowsAsync<BotConnectorException>(() => Sender(host).SendAsync(Personal, Digest, Key, default));
        await DeliverDueAsync(host);
        _time.Advance(TimeSpan.FromDays(1));
        await DeliverDueAsync(host);

        Assert.True(failure.ConversationGone);
        Assert.Single(_bf.Calls);
        var dead = Assert.Single(await _files.Open(_time).Outbox.GetDeadLettersAsync(10, default));
        Assert.Equal(TeamsOutboundDelivery.Channel, dead.Channel);
        Assert.Contains("stale", dead.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlowAnswer_ProcessDiesBetweenComposeAndReply_RestartAnswersExactlyOnce()
    {
        var death = new ProcessDeath();
        var first = await StartAsync(death, dieAt: (DeathPoint.BeforeSend, IsReply));
        await AskSlowlyAsync(first, "forecast for this month");
        await death.WaitAsync();
        await StopAsync(first);
        Assert.Empty(Replies());

        _time.Advance(PastLease);
        var outbox = default(DyingWorkQueue);
        var second = await StartAsync(outbox: o => outbox = o);
        await outbox!.NextSentAsync();

        var reply = Assert.Single(Replies());
        Assert.Equal("answer: forecast for this month", (string?)reply.Body!["attachments"]![0]!["content"]!["fallbackText"]);
        Assert.Equal("forecast for this month", Assert.Single(second.Conversation.Messages).Text);
    }

    [Fact]
    public async Task SlowAnswer_ProcessDiesBetweenReplyAndQueueRecord_RestartDoesNotReplyAgain()
    {
        var death = new ProcessDeath();
        var first = await StartAsync(death, dieOnMarkSent: true);
        await AskSlowlyAsync(first, "forecast for this month");
        await death.WaitAsync();
        await StopAsync(first);
        Assert.Single(Replies());

        _time.Advance(PastLease);
        var outbox = default(DyingWorkQueue);
        var second = await StartAsync(outbox: o => outbox = o);
        await outbox!.NextSentAsync();

        Assert.Single(Replies());
        Assert.Empty(second.Conversation.Messages);
    }

    [Fact]
    public async Task SlowAnswer_FirstComputationFailedThenHostStopped_NextHostAnswersFromStoredActivity()
    {
        var first = await StartAsync();
        await AskSlowlyAsync(first, "top services", releaseGate: false);
        var typing = Assert.Single(_bf.Calls);
        Assert.Equal("typing", (string?)typing.Body!["type"]);

        // The answer under way fails (e.g. cancelled by shutdown): the item is retried later, here by the next host.
        first.Conversation.AnswerGate!.SetCanceled();
        await StopAsync(first);
        Assert.Empty(Replies());

        _time.Advance(TimeSpan.FromHours(1));
        var outbox = default(DyingWorkQueue);
        var second = await StartAsync(outbox: o => outbox = o);
        await outbox!.NextSentAsync();

        var reply = Assert.Single(Replies());
        Assert.Equal("answer: top services", (string?)reply.Body!["attachments"]![0]!["content"]!["fallbackText"]);
        Assert.Equal(Activities.UserId, (string?)reply.Body["recipient"]!["id"]);
        Assert.Equal("top services", Assert.Single(second.Conversation.Messages).Text);
    }

    [Fact]
    public void NextAttempt_RetryAfterLongerThanBackoff_WaitsRetryAfter()
    {
        var options = new TeamsDeliveryOptions { RetryBaseDelay = TimeSpan.FromSeconds(30), MaxAttempts = 5 };
        var now = _time.GetUtcNow();
        var throttled = new BotConnectorException(HttpStatusCode.TooManyRequests, "Throttled", "429", TimeSpan.FromMinutes(10));

        Assert.Equal(now + TimeSpan.FromMinutes(10), TeamsRetryDelay.NextAttempt(1, throttled, options, now));
        Assert.Equal(now + TimeSpan.FromSeconds(60), TeamsRetryDelay.NextAttempt(2, new HttpRequestException("down"), options, now));
        Assert.Null(TeamsRetryDelay.NextAttempt(5, new HttpRequestException("down"), options, now));
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, "BotNotInConversationRoster")]
    [InlineData(HttpStatusCode.NotFound, "ConversationNotFound")]
    [InlineData(HttpStatusCode.BadRequest, "BadArgument")]
    public void NextAttempt_PermanentConnectorError_GivesUp(HttpStatusCode status, string code)
    {
        var failure = new BotConnectorException(status, code, "refused");

        Assert.Null(TeamsRetryDelay.NextAttempt(1, failure, new TeamsDeliveryOptions(), _time.GetUtcNow()));
    }

    private static IProactiveSender Sender(BotHost host) => host.App.Services.GetServices<IProactiveSender>().Single(s => s.Channel == "teams");

    /// <summary>
    /// Sends <see cref="Key"/> again once the restarted host's own dispatcher (a hosted service racing the test's
    /// delivery for the same item) has finished with it: while it holds the claim the sender says "being delivered".
    /// </summary>
    private static async Task<SentMessage> SendWhenSettledAsync(BotHost host)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await Sender(host).SendAsync(Personal, Digest, Key, default);
            }
            catch (TeamsDeliveryDeferredException) when (attempt < 100)
            {
                await Task.Delay(50);
            }
        }
    }

    private static async Task DeliverDueAsync(BotHost host)
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TeamsOutboundDelivery>().DeliverDueAsync(default);
    }

    private static TeamsProactiveSender ChannelSender(BotHost host) => host.App.Services.GetRequiredService<TeamsProactiveSender>();

    private static bool IsThreadStart(HttpRequestMessage request) =>
        request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/v3/conversations", StringComparison.Ordinal);

    private List<ConnectorCall> ThreadStarts() =>
        _bf.Calls.Where(c => c.Method == "POST" && c.RawPath.EndsWith("/v3/conversations", StringComparison.Ordinal)).ToList();

    private static bool IsCardPost(HttpRequestMessage request) =>
        request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/activities", StringComparison.Ordinal);

    private static bool IsReply(HttpRequestMessage request) =>
        request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/activities/1700000000001", StringComparison.Ordinal);

    private List<ConnectorCall> CardPosts() =>
        _bf.Calls.Where(c => c.Method == "POST" && c.RawPath.EndsWith("/activities", StringComparison.Ordinal) && (string?)c.Body?["type"] == "message").ToList();

    private List<ConnectorCall> Replies() =>
        _bf.Calls.Where(c => c.Method == "POST" && c.RawPath.EndsWith("/activities/1700000000001", StringComparison.Ordinal)).ToList();

    /// <summary>Asks a question whose answer misses the inline budget, so it is stored and answered from the queue.</summary>
    private async Task AskSlowlyAsync(BotHost host, string text, bool releaseGate = true)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Conversation.AnswerGate = gate;
        var post = TeamsEndpointsTests.PostAsync(host, Activities.Message(_bf.ServiceUrl, text), "Bearer " + _bf.CreateToken(_time.GetUtcNow(), BotHost.AppId));
        await host.Conversation.AnswerStarted.Task.WaitAsync(TimeSpan.FromSeconds(15));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await post).StatusCode);
        if (releaseGate)
        {
            gate.SetResult();
        }
    }

    private async Task<BotHost> StartAsync(
        ProcessDeath? death = null,
        bool dieOnMarkSent = false,
        (DeathPoint Point, Func<HttpRequestMessage, bool> Matches)? dieAt = null,
        Action<DyingWorkQueue>? outbox = null)
    {
        death ??= new ProcessDeath();
        var (queue, idempotency) = _files.Open(_time);
        var dying = new DyingWorkQueue(queue, death, dieOnMarkSent);
        outbox?.Invoke(dying);
        var host = await BotHost.StartAsync(
            _bf,
            services: services =>
            {
                // The test drives delivery itself (DeliverDueAsync): the host's own dispatcher polling the same queue in the
                // background would race it for each item, and which of the two dies where would be down to timing.
                foreach (var dispatcher in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(TeamsOutboxDispatcher)).ToList())
                {
                    services.Remove(dispatcher);
                }

                services.RemoveAll<IWorkQueue>();
                services.AddSingleton<IWorkQueue>(dying);
                services.RemoveAll<IIdempotencyStore>();
                services.AddSingleton<IIdempotencyStore>(new DyingIdempotencyStore(idempotency, death));
                services.RemoveAll<IConversationReferenceStore>();
                services.AddSingleton<IConversationReferenceStore>(_references);
                if (dieAt is { } at)
                {
                    services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(() => new DyingHandler(death, at.Point, at.Matches)));
                }
            },
            time: _time);
        _hosts.Add(host);
        return host;
    }

    private async Task StopAsync(BotHost host)
    {
        _hosts.Remove(host);
        await host.DisposeAsync();
    }
}
