using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Channels;
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
/// A stand-in platform API on 127.0.0.1 that records every POST: the Slack Web API (<c>/api/{method}</c>, answered
/// <c>{"ok":true,...}</c>) or the Bot Connector (<c>/v3/conversations/...</c>, answered with a resource id).
/// </summary>
public sealed class RecordingServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<RecordedRequest> _feed = Channel.CreateUnbounded<RecordedRequest>();
    private int _sequence;

    private RecordingServer(WebApplication app) => _app = app;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<RecordingServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new RecordingServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Waits (bounded, as a failure guard) for the next request whose path ends with <paramref name="pathSuffix"/>.</summary>
    public async Task<RecordedRequest> NextAsync(string pathSuffix, Func<RecordedRequest, bool>? where = null)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var request = await _feed.Reader.ReadAsync(guard.Token);
            if (request.Path.EndsWith(pathSuffix, StringComparison.Ordinal) && (where?.Invoke(request) ?? true))
            {
                return request;
            }
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var path = context.Request.Path.Value ?? string.Empty;
        var id = Interlocked.Increment(ref _sequence).ToString("D6", CultureInfo.InvariantCulture);
        var answer = Answer(path, body, id);
        var recorded = new RecordedRequest(context.Request.Method, path, context.Request.Headers.Authorization, context.Request.ContentType, body, answer);
        Requests.Enqueue(recorded);
        _feed.Writer.TryWrite(recorded);
        await context.Response.WriteAsJsonAsync(answer);
    }

    private static JsonObject Answer(string path, string body, string id)
    {
        if (!path.StartsWith("/api/", StringComparison.Ordinal))
        {
            return new JsonObject { ["id"] = "1772600000" + id };
        }

        var json = body.StartsWith('{') ? JsonNode.Parse(body) : null;
        return path switch
        {
            "/api/users.info" => new JsonObject
            {
                ["ok"] = true,
                ["user"] = new JsonObject { ["id"] = "U0FINOPSLD1", ["name"] = "grace", ["real_name"] = "Grace Adeyemi", ["profile"] = new JsonObject { ["email"] = "grace.adeyemi@acme-commerce.example" } },
            },
            // A DM channel id derived from the user, as Slack gives each pair of bot and user one DM.
            "/api/conversations.open" => new JsonObject { ["ok"] = true, ["channel"] = new JsonObject { ["id"] = "D0" + json?["users"]?.GetValue<string>() } },
            "/api/chat.postEphemeral" => new JsonObject { ["ok"] = true, ["message_ts"] = "1772600000." + id },
            "/api/chat.update" => new JsonObject { ["ok"] = true, ["channel"] = json?["channel"]?.GetValue<string>(), ["ts"] = json?["ts"]?.GetValue<string>() },
            _ => new JsonObject { ["ok"] = true, ["channel"] = json?["channel"]?.GetValue<string>(), ["ts"] = "1772600000." + id },
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
