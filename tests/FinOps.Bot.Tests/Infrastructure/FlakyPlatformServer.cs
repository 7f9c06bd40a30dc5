using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FinOps.Bot.Tests.Infrastructure;

/// <summary>
/// A Slack Web API and Bot Connector stand-in on 127.0.0.1 that misbehaves on purpose: the first post to a conversation
/// gets the <see cref="Fault"/> set for it, later posts succeed. It keeps what was posted (Slack posts with their message
/// metadata, answered again by <c>conversations.history</c>) so a test can count messages per conversation.
/// </summary>
public sealed class FlakyPlatformServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private int _sequence;

    private FlakyPlatformServer(WebApplication app) => _app = app;

    /// <summary>What the first post to a conversation gets.</summary>
    public enum Fault
    {
        None,

        /// <summary>HTTP 429 with <c>Retry-After: 1</c>; nothing posted.</summary>
        TooManyRequests,

        /// <summary>Slack's HTTP 200 <c>{"ok":false,"error":"ratelimited"}</c> with <c>Retry-After: 1</c>; nothing posted.</summary>
        RateLimitedOkFalse,

        /// <summary>HTTP 502; nothing posted.</summary>
        BadGateway,

        /// <summary>The message is posted, then the answer is held past the client's timeout (the answer is lost).</summary>
        PostedThenTimeout,

        /// <summary>The answer is held past the client's timeout and nothing is posted.</summary>
        TimeoutNotPosted,
    }

    /// <summary>Conversation id (Slack channel, Teams conversation or channel) -> fault of its first post.</summary>
    public ConcurrentDictionary<string, Fault> Faults { get; } = new(StringComparer.Ordinal);

    /// <summary>Every message that reached a conversation (posted), in order: conversation id and the Slack metadata key or Teams text.</summary>
    public ConcurrentQueue<(string Conversation, string? Key, string Ts)> Posted { get; } = new();

    /// <summary>How many times each fault was served.</summary>
    public ConcurrentDictionary<Fault, int> Served { get; } = new();

    /// <summary>How long a held answer waits (longer than the client's attempt timeout).</summary>
    public TimeSpan Hold { get; set; } = TimeSpan.FromSeconds(3);

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<FlakyPlatformServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FlakyPlatformServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public int PostsTo(string conversation) => Posted.Count(p => p.Conversation == conversation);

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (path == "/api/conversations.history")
        {
            var form = await context.Request.ReadFormAsync();
            var channel = form["channel"].ToString();
            var messages = new JsonArray();
            foreach (var earlier in Posted.Reverse().Where(p => p.Conversation == channel))
            {
                messages.Add(new JsonObject
                {
                    ["ts"] = earlier.Ts,
                    ["metadata"] = new JsonObject { ["event_type"] = "finops_delivery", ["event_payload"] = new JsonObject { ["idempotency_key"] = earlier.Key } },
                });
            }

            await context.Response.WriteAsJsonAsync(new JsonObject { ["ok"] = true, ["messages"] = messages });
            return;
        }

        using var reader = new StreamReader(context.Request.Body);
        var json = JsonNode.Parse(await reader.ReadToEndAsync()) as JsonObject ?? [];
        string conversationId;
        string? idempotencyKey = null;
        if (path == "/api/chat.postMessage")
        {
            conversationId = json["channel"]!.GetValue<string>();
            idempotencyKey = json["metadata"]?["event_payload"]?["idempotency_key"]?.GetValue<string>();
        }
        else if (path.StartsWith("/v3/conversations/", StringComparison.Ordinal) && path.EndsWith("/activities", StringComparison.Ordinal))
        {
            conversationId = Uri.UnescapeDataString(path["/v3/conversations/".Length..^"/activities".Length]);
        }
        else if (path == "/v3/conversations")
        {
            // A new post in a Teams channel: the channel is in channelData.
            conversationId = json["channelData"]?["channel"]?["id"]?.GetValue<string>() ?? "(no channel)";
        }
        else
        {
            await context.Response.WriteAsJsonAsync(new JsonObject { ["ok"] = true });
            return;
        }

        var attempt = _attempts.AddOrUpdate(conversationId, 1, (_, n) => n + 1);
        var fault = attempt == 1 ? Faults.GetValueOrDefault(conversationId) : Fault.None;
        Served.AddOrUpdate(fault, 1, (_, n) => n + 1);
        var slack = path.StartsWith("/api/", StringComparison.Ordinal);
        switch (fault)
        {
            case Fault.TooManyRequests:
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = "1";
                await context.Response.WriteAsJsonAsync(slack ? new JsonObject { ["ok"] = false, ["error"] = "ratelimited" } : new JsonObject());
                return;
            case Fault.RateLimitedOkFalse:
                context.Response.Headers.RetryAfter = "1";
                await context.Response.WriteAsJsonAsync(new JsonObject { ["ok"] = false, ["error"] = "ratelimited" });
                return;
            case Fault.BadGateway:
                context.Response.StatusCode = StatusCodes.Status502BadGateway;
                return;
            case Fault.TimeoutNotPosted:
                await HoldAsync(context.RequestAborted);
                return;
        }

        var id = Interlocked.Increment(ref _sequence).ToString("D6", CultureInfo.InvariantCulture);
        var ts = "1772600000." + id;
        Posted.Enqueue((conversationId, idempotencyKey, ts));
        if (fault == Fault.PostedThenTimeout)
        {
            await HoldAsync(context.RequestAborted);
        }

        JsonObject answer = slack
            ? new JsonObject { ["ok"] = true, ["channel"] = conversationId, ["ts"] = ts }
            : path == "/v3/conversations"
                ? new JsonObject { ["id"] = conversationId + ";messageid=" + id, ["activityId"] = id }
                : new JsonObject { ["id"] = id };
        await context.Response.WriteAsJsonAsync(answer);
    }

    private async Task HoldAsync(CancellationToken aborted)
    {
        try
        {
            await Task.Delay(Hold, aborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up, as intended.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
