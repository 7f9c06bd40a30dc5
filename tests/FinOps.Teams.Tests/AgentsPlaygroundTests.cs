using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using FinOps.Teams.Tests.Fakes;

namespace FinOps.Teams.Tests;

/// <summary>
/// End to end with Microsoft's Agents Playground (a local Teams client, anonymous, offline) against the
/// bot in development mode: a question gets its answer card, an Action.Execute click gets the refreshed card.
/// </summary>
public sealed class AgentsPlaygroundTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);
    private readonly StringBuilder _log = new();
    private FakeBotFramework _bf = null!;
    private BotHost _bot = null!;
    private Process? _playground;
    private HttpClient _client = null!;
    private ClientWebSocket _socket = null!;

    public async Task InitializeAsync()
    {
        _bf = await FakeBotFramework.StartAsync();
        var port = FreePort();
        _bot = await BotHost.StartAsync(_bf, s =>
        {
            s["Teams:AppId"] = null;
            s["Teams:AppPassword"] = null;
            s["Teams:DevelopmentMode"] = "true";
            s["Teams:DevelopmentServiceUrl"] = $"http://localhost:{port}";
        });

        var oracle = Path.Combine(TeamsAppPackageTests.RepositoryRoot(), "tests", "oracles", "agents-playground");
        if (!Directory.Exists(Path.Combine(oracle, "node_modules")))
        {
            var install = TeamsAppPackageTests.Run(oracle, "npm", "ci --no-audit --no-fund");
            Assert.True(install.ExitCode == 0, install.Output);
        }

        var start = new ProcessStartInfo("node", $"node_modules/@microsoft/m365agentsplayground/cli.js start --port {port} --disable-telemetry")
        {
            WorkingDirectory = oracle,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["TEAMSAPPTESTER_BROWSER"] = "none";
        start.Environment["BOT_ENDPOINT"] = new Uri(_bot.Client.BaseAddress!, "api/messages").ToString();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _playground = Process.Start(start)!;
        _playground.OutputDataReceived += (_, e) =>
        {
            lock (_log)
            {
                _log.AppendLine(e.Data);
            }

            if (e.Data?.Contains("Listening on", StringComparison.Ordinal) == true)
            {
                listening.TrySetResult();
            }
        };
        _playground.ErrorDataReceived += (_, e) =>
        {
            lock (_log)
            {
                _log.AppendLine(e.Data);
            }
        };
        _playground.BeginOutputReadLine();
        _playground.BeginErrorReadLine();
        await listening.Task.WaitAsync(Guard);

        _client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        _socket = new ClientWebSocket();
        await _socket.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/_ws_conversation/v1/conversations/stream"), CancellationToken.None).WaitAsync(Guard);
    }

    public void Dispose()
    {
        _socket?.Dispose();
        _client?.Dispose();
    }

    public async Task DisposeAsync()
    {
        if (_playground is { HasExited: false })
        {
            _playground.Kill(entireProcessTree: true);
            await _playground.WaitForExitAsync();
        }

        _playground?.Dispose();
        await _bot.DisposeAsync();
        await _bf.DisposeAsync();
    }

    [Fact]
    public async Task Playground_QuestionThenActionExecute_AnswerCardThenRefreshedCard()
    {
        var config = (await _client.GetFromJsonAsync<JsonObject>("_internal/v1/config"))!["config"]!;
        var conversationId = (string)config["personalChat"]!["id"]!;
        var userId = (string)config["currentUser"]!["id"]!;

        var posted = await _client.PostAsJsonAsync(
            $"_conversation/v1/conversations/{Uri.EscapeDataString(conversationId)}/messages",
            new JsonObject { ["type"] = "text", ["text"] = "What did we spend last month?", ["textFormat"] = "plain", ["from"] = new JsonObject { ["id"] = userId } });
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());

        var card = await NextBotCardAsync();
        Assert.Equal("answer: What did we spend last month?", (string?)card.Card["fallbackText"]);
        Assert.Equal("What did we spend last month?", Assert.Single(_bot.Conversation.Messages).Text);

        var invoked = await _client.PostAsJsonAsync("_conversation/v1/invoke", new JsonObject
        {
            ["name"] = "adaptiveCard/action",
            ["value"] = new JsonObject
            {
                ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "budget.approve", ["data"] = new JsonObject { ["budgetId"] = "b-1" } },
                ["trigger"] = "manual",
            },
            ["from"] = new JsonObject { ["id"] = userId },
            ["conversation"] = new JsonObject { ["id"] = conversationId },
            ["replyToId"] = card.MessageId,
        });
        var invokeBody = await invoked.Content.ReadAsStringAsync();
        Assert.True(invoked.IsSuccessStatusCode, invokeBody + Log());
        var response = JsonNode.Parse(invokeBody)!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)response["type"]);
        Assert.Equal("done: budget.approve budgetId=b-1", (string?)response["value"]!["fallbackText"]);
        Assert.Equal(card.MessageId, Assert.Single(_bot.Conversation.Actions).MessageId);
    }

    private async Task<(string MessageId, JsonObject Card)> NextBotCardAsync()
    {
        var buffer = new byte[1 << 16];
        var frames = new StringBuilder();
        using var timeout = new CancellationTokenSource(Guard);
        while (true)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                try
                {
                    result = await _socket.ReceiveAsync(buffer, timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    Assert.Fail("No card from the bot. Frames: " + frames + Log());
                    throw;
                }

                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);

            var text = Encoding.UTF8.GetString(message.ToArray());
            frames.AppendLine(text);
            if (FindCardActivity(JsonNode.Parse(text)) is { } found)
            {
                return found;
            }
        }
    }

    // Stream frames are the playground's own envelope ({"action":"createMessage","message":{"messageId","attachments"}}); the card is found by shape.
    private static (string, JsonObject)? FindCardActivity(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["attachments"] is JsonArray { Count: > 0 } attachments
                    && (string?)attachments[0]!["contentType"] == "application/vnd.microsoft.card.adaptive"
                    && (obj["messageId"] ?? obj["id"]) is JsonValue id)
                {
                    return (id.ToString(), attachments[0]!["content"]!.AsObject());
                }

                foreach (var (_, child) in obj)
                {
                    if (FindCardActivity(child) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (FindCardActivity(child) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private string Log()
    {
        lock (_log)
        {
            return "\nPlayground log:\n" + _log;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
