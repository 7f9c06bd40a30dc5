using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using FinOps.Core.Reliability;
using FinOps.Slack.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Slack.Tests.SocketMode;

public sealed class SlackSocketModeTests : IAsyncLifetime
{
    private readonly Channel<(int Connection, string Message)> _received = Channel.CreateUnbounded<(int, string)>();
    private FakeSlackServer _slack = null!;
    private SlackAppHost? _host;
    private int _connections;

    public async Task InitializeAsync() => _slack = await FakeSlackServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task SocketMode_EnvelopesAckedAndAnswered_ReconnectsOnDisconnect()
    {
        _slack.SocketHandler = async (socket, cancellationToken) =>
        {
            var connection = Interlocked.Increment(ref _connections);
            await SendAsync(socket, new JsonObject { ["type"] = "hello", ["num_connections"] = 1 });
            if (connection == 1)
            {
                await SendAsync(socket, Envelope("env-1", "events_api", JsonNode.Parse(SlackPayloads.AppMention("Ev1", "<@UBOT> top services", "1.1"))!));
                await ReceiveIntoAsync(socket, connection, cancellationToken);
                var command = new JsonObject();
                foreach (var (name, value) in SlackPayloads.SlashCommand("share cost by team", _slack.HookUrl("sm"), "t-sm"))
                {
                    command[name] = value;
                }

                await SendAsync(socket, Envelope("env-2", "slash_commands", command));
                await ReceiveIntoAsync(socket, connection, cancellationToken);
                await SendAsync(socket, new JsonObject { ["type"] = "disconnect", ["reason"] = "refresh_requested" });
                await ReceiveIntoAsync(socket, connection, cancellationToken);
                return;
            }

            await SendAsync(socket, Envelope("env-3", "interactive", JsonNode.Parse(SlackPayloads.BlockActions(_slack.HookUrl("act"), "1.5", "1.6"))!));
            await ReceiveIntoAsync(socket, connection, cancellationToken);
            await HoldOpenAsync(socket, cancellationToken);
        };
        _host = await SlackAppHost.StartAsync(_slack, s => s["Slack:AppToken"] = "xapp-1-test");

        Assert.Equal((1, """{"envelope_id":"env-1"}"""), await NextReceivedAsync());
        var post = await _slack.NextCallAsync("chat.postMessage");
        Assert.Equal("Answer: top services", post.Json["text"]!.GetValue<string>());

        Assert.Equal((1, """{"envelope_id":"env-2"}"""), await NextReceivedAsync());
        var hook = await _slack.NextCallAsync("hook");
        Assert.Equal("in_channel", hook.Json["response_type"]!.GetValue<string>());

        // After "disconnect" the client may open the new connection before the old one is seen closed (Slack allows both orders).
        var afterDisconnect = new[] { await NextReceivedAsync(), await NextReceivedAsync() };
        Assert.Contains((1, "<closed>"), afterDisconnect);
        Assert.Contains((2, """{"envelope_id":"env-3"}"""), afterDisconnect);
        var update = await _slack.NextCallAsync("chat.update");
        Assert.Equal("1.5", update.Json["ts"]!.GetValue<string>());
        Assert.All(_slack.CallsTo("apps.connections.open"), c => Assert.Equal("Bearer xapp-1-test", c.Authorization));
        Assert.Equal(2, _slack.CallsTo("apps.connections.open").Count);
    }

    [Fact]
    public async Task SocketMode_InboxCannotStore_EnvelopeNotAcked()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var outbox = new FailFirstEnqueueOutbox(new InMemoryWorkQueue(clock));
        _slack.SocketHandler = async (socket, cancellationToken) =>
        {
            var connection = Interlocked.Increment(ref _connections);
            await SendAsync(socket, new JsonObject { ["type"] = "hello", ["num_connections"] = 1 });
            await SendAsync(socket, Envelope("env-1", "events_api", JsonNode.Parse(SlackPayloads.AppMention("Ev1", "<@UBOT> top services", "1.1"))!));
            await SendAsync(socket, Envelope("env-2", "events_api", JsonNode.Parse(SlackPayloads.AppMention("Ev1", "<@UBOT> top services", "1.1"))!));
            await ReceiveIntoAsync(socket, connection, cancellationToken);
            await HoldOpenAsync(socket, cancellationToken);
        };
        _host = await SlackAppHost.StartAsync(
            _slack,
            s => s["Slack:AppToken"] = "xapp-1-test",
            services => services.Replace(ServiceDescriptor.Singleton<IWorkQueue>(outbox)),
            clock);

        // Envelopes are handled in order: the first acknowledgement is the redelivery's, so the unstored one was never acked.
        Assert.Equal((1, """{"envelope_id":"env-2"}"""), await NextReceivedAsync());
        var post = await _slack.NextCallAsync("chat.postMessage");
        Assert.Equal("Answer: top services", post.Json["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task SocketMode_ConnectionDropped_ReconnectsThroughRetryPipeline()
    {
        _slack.SocketHandler = async (socket, cancellationToken) =>
        {
            var connection = Interlocked.Increment(ref _connections);
            if (connection == 1)
            {
                socket.Abort();
                return;
            }

            await SendAsync(socket, Envelope("env-after-drop", "events_api", JsonNode.Parse(SlackPayloads.AppMention("Ev9", "<@UBOT> still there?", "2.1"))!));
            await ReceiveIntoAsync(socket, connection, cancellationToken);
            await HoldOpenAsync(socket, cancellationToken);
        };
        _slack.ScriptError("apps.connections.open", "internal_error");
        _host = await SlackAppHost.StartAsync(_slack, s =>
        {
            s["Slack:AppToken"] = "xapp-1-test";
            s["Slack:SocketReconnectBaseDelay"] = "00:00:00";
        });

        Assert.Equal((2, """{"envelope_id":"env-after-drop"}"""), await NextReceivedAsync());
        await _slack.NextCallAsync("chat.postMessage");
        Assert.Equal(3, _slack.CallsTo("apps.connections.open").Count);
    }

    private static JsonObject Envelope(string id, string type, JsonNode payload) => new()
    {
        ["envelope_id"] = id,
        ["type"] = type,
        ["payload"] = payload,
        ["accepts_response_payload"] = type != "events_api",
        ["retry_attempt"] = 0,
        ["retry_reason"] = string.Empty,
    };

    private static Task SendAsync(WebSocket socket, JsonObject message) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);

    private async Task ReceiveIntoAsync(WebSocket socket, int connection, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        guard.CancelAfter(TimeSpan.FromSeconds(15));
        var result = await socket.ReceiveAsync(buffer, guard.Token);
        if (result.MessageType == WebSocketMessageType.Close)
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            _received.Writer.TryWrite((connection, "<closed>"));
            return;
        }

        _received.Writer.TryWrite((connection, Encoding.UTF8.GetString(buffer, 0, result.Count)));
    }

    private static async Task HoldOpenAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        try
        {
            await socket.ReceiveAsync(new byte[1024], cancellationToken);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The app or the test server is shutting down.
        }
    }

    private async Task<(int, string)> NextReceivedAsync()
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        return await _received.Reader.ReadAsync(guard.Token);
    }

    /// <summary>An outbox whose first store fails, as when the database is briefly unreachable.</summary>
    private sealed class FailFirstEnqueueOutbox(IWorkQueue inner) : IWorkQueue
    {
        private int _enqueues;

        public Task<bool> EnqueueAsync(string channel, string idempotencyKey, string payload, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _enqueues) == 1
                ? throw new InvalidOperationException("database is down")
                : inner.EnqueueAsync(channel, idempotencyKey, payload, cancellationToken);

        public Task<IReadOnlyList<QueuedWork>> GetDueAsync(string channel, int max, CancellationToken cancellationToken) =>
            inner.GetDueAsync(channel, max, cancellationToken);

        public Task<bool> TryClaimAsync(long id, string owner, TimeSpan lease, CancellationToken cancellationToken) =>
            inner.TryClaimAsync(id, owner, lease, cancellationToken);

        public Task MarkSentAsync(long id, string? result, CancellationToken cancellationToken) => inner.MarkSentAsync(id, result, cancellationToken);

        public Task MarkFailedAsync(long id, string failure, DateTimeOffset? retryAt, CancellationToken cancellationToken) =>
            inner.MarkFailedAsync(id, failure, retryAt, cancellationToken);

        public Task<IReadOnlyList<DeadLetter>> GetDeadLettersAsync(int max, CancellationToken cancellationToken) => inner.GetDeadLettersAsync(max, cancellationToken);

        public Task<int> CountDeadLettersAsync(CancellationToken cancellationToken) => inner.CountDeadLettersAsync(cancellationToken);

        public Task<int> PurgeAsync(DateTimeOffset sentBefore, DateTimeOffset deadBefore, CancellationToken cancellationToken) =>
            inner.PurgeAsync(sentBefore, deadBefore, cancellationToken);
    }
}
