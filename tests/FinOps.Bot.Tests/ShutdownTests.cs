using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FinOps.Bot.Cli;
using FinOps.Bot.Tests.Infrastructure;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Messaging;
using FinOps.Slack.Security;
using FinOps.Storage;
using FinOps.Storage.Data;
using FinOps.Storage.Queue;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FinOps.Bot.Tests;

/// <summary>Issue 19: on SIGTERM, work in progress finishes or goes back to the queue; nothing is lost.</summary>
public sealed class ShutdownTests : IDisposable
{
    private const string BotUserId = "U0FINBOT";
    private readonly string _folder = Directory.CreateTempSubdirectory("finops-shutdown-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Import_SigtermWhileImporting_StoreHasTheWholeFileOrNothingAndTheRerunCompletesIt()
    {
        var csv = Path.Combine(_folder, "big.csv");
        var db = Path.Combine(_folder, "costs.db");
        var generated = await BotProcess.RunAsync(["demo-data", "--rows", "100000", "--end", "2026-11-23", "--out", csv]);
        Assert.Equal(0, generated.ExitCode);
        var rows = File.ReadLines(csv).LongCount() - 1;

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "FinOps.Bot.dll"), "import", csv, "--db", db })
        {
            start.ArgumentList.Add(arg);
        }

        using var import = Process.Start(start)!;
        var stderr = import.StandardError.ReadToEndAsync();
        var stdout = import.StandardOutput.ReadToEndAsync();
        // The store exists once the import has started work on it; the signal lands during the import.
        using var wait = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (!File.Exists(db) && !import.HasExited)
        {
            await Task.Delay(20, wait.Token);
        }

        using (var kill = Process.Start("kill", ["-TERM", import.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(wait.Token);
        }

        await import.WaitForExitAsync(wait.Token);
        var interrupted = import.ExitCode == ExitCodes.Interrupted;
        Assert.True(interrupted || import.ExitCode == 0, $"exit {import.ExitCode}: {await stdout} {await stderr}");
        if (interrupted)
        {
            Assert.StartsWith("error: interrupted", await stderr, StringComparison.Ordinal);
        }

        var rerun = await BotProcess.RunAsync(["import", csv, "--db", db]);
        var history = await BotProcess.RunAsync(["imports", "--json", "--db", db]);

        Assert.Equal(0, rerun.ExitCode);
        var entries = history.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var imported = Assert.Single(entries, e => e.GetProperty("status").GetString() == "imported");
        Assert.Equal(rows, imported.GetProperty("rows").GetInt64());
    }

    [Fact]
    public async Task SlackAnswer_HostStopsWhileAnswering_AnswerPostedOrStillQueuedAndAnsweredAfterRestart()
    {
        await using var slack = await RecordingServer.StartAsync();
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var db = Path.Combine(_folder, "slack.db");
        using var answering = new SemaphoreSlim(0);
        var first = SlackFactory(slack, secret, db);
        var lifetimeStopping = new TaskCompletionSource();
        first.ConfigureTestServices = s => s.AddSingleton<IConversationService>(new HeldConversation(answering, lifetimeStopping.Task));
        using (var client = first.CreateClient())
        {
            await first.WaitUntilReadyAsync();
            first.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => lifetimeStopping.TrySetResult());

            using var accepted = await PostSignedAsync(client, first, secret, AppMention("Ev0000000009", $"<@{BotUserId}> total cost last month", "1772600000.000900"));
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            await answering.WaitAsync(TimeSpan.FromSeconds(30));

            // What SIGTERM does through the host's console lifetime: stop, while the answer is being worked out.
            await first.DisposeAsync();
        }

        var posted = slack.Requests.Any(r => r.Path == "/api/chat.postMessage");
        var status = await StatusAsync(db);
        Assert.True(posted ? status == "sent" : status == "pending", $"posted {posted}, queue status {status}");
        if (!posted)
        {
            await using var second = SlackFactory(slack, secret, db);
            second.Settings["Demo:SeedOnFirstRun"] = "false";
            using var client = second.CreateClient();
            await slack.NextAsync("/api/chat.postMessage");
        }

        Assert.Single(slack.Requests, r => r.Path == "/api/chat.postMessage");
    }

    private static async Task<string?> StatusAsync(string db)
    {
        // Inbound work lives in the queue file next to the cost store (Storage:QueueDatabasePath unset).
        var queue = new StorageOptions { DatabasePath = db }.EffectiveQueueDatabasePath;
        await using var context = new QueueDbContext(new DbContextOptionsBuilder<QueueDbContext>().UseSqlite($"Data Source={queue};Pooling=False").Options);
        return await context.Messages.Where(m => m.Channel == "slack-inbound").Select(m => m.Status).SingleOrDefaultAsync();
    }

    private static BotFactory SlackFactory(RecordingServer slack, string secret, string db)
    {
        var factory = new BotFactory();
        factory.Settings["Storage:DatabasePath"] = db;
        factory.Settings["Demo:SeedOnFirstRun"] = "false";
        factory.Settings["Slack:SigningSecret"] = secret;
        factory.Settings["Slack:BotToken"] = "xoxb-e2e-token";
        factory.Settings["Slack:BotUserId"] = BotUserId;
        factory.Settings["Slack:ApiBaseUrl"] = new Uri(slack.BaseUrl, "api/").AbsoluteUri;
        factory.Settings["Slack:PostInterval"] = "00:00:00";
        factory.Settings["Slack:RetryBaseDelay"] = "00:00:00.001";
        factory.Settings["Slack:WorkerCount"] = "1";
        return factory;
    }

    private static async Task<HttpResponseMessage> PostSignedAsync(HttpClient client, BotFactory factory, string secret, string json)
    {
        var timestamp = factory.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(json);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/slack/events") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        request.Headers.Add(SlackSignatureFilter.TimestampHeader, timestamp);
        request.Headers.Add(SlackSignatureFilter.SignatureHeader, SlackSignature.Compute(secret, timestamp, bytes));
        return await client.SendAsync(request);
    }

    private static string AppMention(string eventId, string text, string ts) => new JsonObject
    {
        ["token"] = "deprecated-verification-token",
        ["team_id"] = "T0ACME",
        ["api_app_id"] = "A0FINOPS",
        ["event"] = new JsonObject { ["type"] = "app_mention", ["user"] = "U0FINOPSLD1", ["text"] = text, ["ts"] = ts, ["channel"] = "C0FINOPS", ["event_ts"] = ts },
        ["type"] = "event_callback",
        ["event_id"] = eventId,
        ["event_time"] = 1772600000,
        ["authorizations"] = new JsonArray { new JsonObject { ["enterprise_id"] = null, ["team_id"] = "T0ACME", ["user_id"] = BotUserId, ["is_bot"] = true } },
    }.ToJsonString();

    /// <summary>Says when it starts answering, then holds the answer until the host is stopping.</summary>
    private sealed class HeldConversation(SemaphoreSlim answering, Task stopping) : IConversationService
    {
        public async Task<Card> AnswerAsync(IncomingMessage message, CancellationToken cancellationToken)
        {
            answering.Release();
            await stopping.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
            return new Card("answer", "Total 42.00 USD", [new TextBlock("Total 42.00 USD")]);
        }

        public Task<Card> HandleActionAsync(CardActionInvoked action, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
