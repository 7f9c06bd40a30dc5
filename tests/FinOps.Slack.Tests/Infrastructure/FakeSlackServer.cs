using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FinOps.Slack.Tests.Infrastructure;

/// <summary>
/// A stand-in Slack on 127.0.0.1: the Web API under /api/{method}, response URLs under /hooks/{id}, file uploads
/// under /upload/{id} and a Socket Mode WebSocket at /socket. Answers can be scripted per method (429, ok:false, slow).
/// </summary>
public sealed class FakeSlackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<HttpContext, Task>>> _scripted = new();
    private readonly ConcurrentDictionary<string, int> _attempts = new();
    private readonly Channel<RecordedCall> _feed = Channel.CreateUnbounded<RecordedCall>();
    private readonly ConcurrentQueue<JsonObject> _posted = new();
    private int _ts;
    private int _scriptedTs;
    private const string BodyKey = "fake-slack-body";

    private FakeSlackServer(WebApplication app) => _app = app;

    public ConcurrentQueue<RecordedCall> Calls { get; } = new();

    public Uri BaseUrl { get; private set; } = null!;

    public Uri ApiUrl => new(BaseUrl, "api/");

    /// <summary>What the Socket Mode endpoint does with an accepted WebSocket.</summary>
    public Func<WebSocket, CancellationToken, Task>? SocketHandler { get; set; }

    public static async Task<FakeSlackServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeSlackServer(app);
        app.UseWebSockets();
        app.MapPost("/api/{method}", (HttpContext context, string method) => server.HandleAsync(method, context));
        app.MapPost("/hooks/{id}", (HttpContext context) => server.HandleAsync("hook", context));
        app.MapPost("/upload/{id}", (HttpContext context) => server.HandleAsync("upload", context));
        app.Map("/socket", async context =>
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            await server.SocketHandler!(socket, context.RequestAborted);
        });
        await app.StartAsync();
        server.BaseUrl = new Uri(app.Urls.First() + "/");
        return server;
    }

    public Uri HookUrl(string id) => new(BaseUrl, "hooks/" + id);

    /// <summary>The next call of <paramref name="method"/> is answered by <paramref name="responder"/> instead of the default.</summary>
    public void Script(string method, Func<HttpContext, Task> responder) =>
        _scripted.GetOrAdd(method, _ => new ConcurrentQueue<Func<HttpContext, Task>>()).Enqueue(responder);

    public void ScriptStatus(string method, int status, string? retryAfter = null) => Script(method, context =>
    {
        context.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        return context.Response.WriteAsJsonAsync(new { ok = false, error = status == 429 ? "ratelimited" : "internal_error" });
    });

    /// <summary>The next chat.postMessage is posted (conversations.history shows it) but its answer never comes: the caller times out.</summary>
    public void ScriptPostedWithoutAnswer() => Script("chat.postMessage", async context =>
    {
        Remember((string)context.Items[BodyKey]!, $"1700000001.{Interlocked.Increment(ref _scriptedTs):D6}");
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(15), context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The caller gave up waiting; the post stays.
        }
    });

    public void ScriptError(string method, string error) =>
        Script(method, context => context.Response.WriteAsJsonAsync(new { ok = false, error }));

    public IReadOnlyList<RecordedCall> CallsTo(string method) => Calls.Where(c => c.Method == method).ToList();

    /// <summary>Waits (bounded, as a failure guard) until a call of <paramref name="method"/> arrives; calls of other methods are skipped.</summary>
    public async Task<RecordedCall> NextCallAsync(string method, Func<RecordedCall, bool>? where = null)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            var call = await _feed.Reader.ReadAsync(guard.Token);
            if (call.Method == method && (where?.Invoke(call) ?? true))
            {
                return call;
            }
        }
    }

    private async Task HandleAsync(string method, HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var attempt = _attempts.AddOrUpdate(method, 1, (_, n) => n + 1);
        context.Items[BodyKey] = body;
        if (_scripted.TryGetValue(method, out var queue) && queue.TryDequeue(out var responder))
        {

            await responder(context);
            Record(new RecordedCall(method, context.Request.Headers.Authorization, context.Request.ContentType, body, attempt));
            return;
        }

        Record(new RecordedCall(method, context.Request.Headers.Authorization, context.Request.ContentType, body, attempt));
        await context.Response.WriteAsJsonAsync(DefaultAnswer(method, body));
    }

    private void Remember(string body, string ts)
    {
        if (body.StartsWith('{'))
        {
            var posted = JsonNode.Parse(body)!.AsObject();
            posted["ts"] = ts;
            _posted.Enqueue(posted);
        }
    }

    private void Record(RecordedCall call)
    {
        Calls.Enqueue(call);
        _feed.Writer.TryWrite(call);
    }

    private JsonObject DefaultAnswer(string method, string body)
    {
        if (method is "conversations.history" or "conversations.replies")
        {
            // Reading posts no message: the ts sequence of posts stays as it was.
            return new JsonObject { ["ok"] = true, ["messages"] = History(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(body)) };
        }

        var ts = $"1700000000.{Interlocked.Increment(ref _ts):D6}";
        if (method == "chat.postMessage")
        {
            Remember(body, ts);
        }

        string? channel = null;
        if (body.StartsWith('{'))
        {
            channel = JsonNode.Parse(body)?["channel"]?.GetValue<string>();
        }

        return method switch
        {
            "chat.postMessage" or "chat.update" => new JsonObject { ["ok"] = true, ["channel"] = channel, ["ts"] = method == "chat.update" ? JsonNode.Parse(body)!["ts"]!.GetValue<string>() : ts },
            "chat.postEphemeral" => new JsonObject { ["ok"] = true, ["message_ts"] = ts },
            "conversations.open" => new JsonObject { ["ok"] = true, ["channel"] = new JsonObject { ["id"] = "D0DM" } },
            "users.info" => new JsonObject
            {
                ["ok"] = true,
                ["user"] = new JsonObject { ["id"] = "U1", ["name"] = "alice", ["real_name"] = "Alice Doe", ["profile"] = new JsonObject { ["email"] = "alice@example.com" } },
            },
            "files.getUploadURLExternal" => new JsonObject { ["ok"] = true, ["upload_url"] = new Uri(BaseUrl, "upload/F0FILE").AbsoluteUri, ["file_id"] = "F0FILE" },
            "apps.connections.open" => new JsonObject { ["ok"] = true, ["url"] = "ws://" + BaseUrl.Authority + "/socket" },
            "oauth.v2.access" => new JsonObject
            {
                ["ok"] = true,
                ["access_token"] = "xoxb-installed",
                ["token_type"] = "bot",
                ["scope"] = "chat:write,commands",
                ["bot_user_id"] = "UBOT2",
                ["app_id"] = "A0APP",
                ["team"] = new JsonObject { ["id"] = "T0NEW", ["name"] = "New Team" },
                ["enterprise"] = null,
                ["authed_user"] = new JsonObject { ["id"] = "U0INSTALLER" },
            },
            _ => new JsonObject { ["ok"] = true },
        };
    }

    /// <summary>Posted messages of the form's channel, newest first; metadata only with include_all_metadata, as Slack does.</summary>
    private JsonArray History(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> form)
    {
        var channel = form.GetValueOrDefault("channel").ToString();
        var withMetadata = form.GetValueOrDefault("include_all_metadata").ToString() == "true";
        var messages = new JsonArray();
        foreach (var posted in _posted.Reverse().Where(p => p["channel"]?.GetValue<string>() == channel))
        {
            var message = new JsonObject { ["type"] = "message", ["ts"] = posted["ts"]!.DeepClone(), ["text"] = posted["text"]?.DeepClone() };
            if (withMetadata && posted["metadata"] is { } metadata)
            {
                message["metadata"] = metadata.DeepClone();
            }

            messages.Add(message);
        }

        return messages;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
