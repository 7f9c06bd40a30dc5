using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FinOps.Bot.Tests.Infrastructure;
using FinOps.Slack.Security;

namespace FinOps.Bot.Tests;

/// <summary>Slack through the real host: signed Events API requests in, Web API calls out to a fake Slack on 127.0.0.1.</summary>
public sealed class SlackThroughHostTests
{
    private const string BotUserId = "U0FINBOT";

    [Fact]
    public async Task AppMention_SignedQuestion_PostsBlockKitAnswerWithRightNumberOnceEvenWhenRetried()
    {
        await using var slack = await RecordingServer.StartAsync();
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await using var factory = SlackFactory(slack, secret);
        using var client = factory.CreateClient();
        await factory.WaitUntilReadyAsync();
        var expected = Expected.Usd(await Expected.SumGeneratedCsvAsync(factory, Expected.LastMonth));
        var mention = AppMention("Ev0000000001", $"<@{BotUserId}> total cost last month", "1772600000.000100");

        using var first = await PostSignedAsync(client, factory, secret, mention);
        var post = await slack.NextAsync("/api/chat.postMessage");
        using var retry = await PostSignedAsync(client, factory, secret, mention, retryNum: "1");
        using var sentinel = await PostSignedAsync(client, factory, secret, AppMention("Ev0000000002", $"<@{BotUserId}> help", "1772600000.000200"));
        await slack.NextAsync("/api/chat.postMessage", r => r.Body.Contains("What I can answer", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("Bearer xoxb-e2e-token", post.Authorization);
        var body = post.Json;
        Assert.Equal("C0FINOPS", body["channel"]!.GetValue<string>());
        var blocks = body["blocks"]!.AsArray();
        Assert.NotEmpty(blocks);
        Assert.Contains(expected, blocks.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(expected, body["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(slack.Requests, r => r.Path == "/api/chat.postMessage" && r.Body.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AppMention_BadSignature_UnauthorizedAndNothingPosted()
    {
        await using var slack = await RecordingServer.StartAsync();
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await using var factory = SlackFactory(slack, secret);
        factory.Settings["Demo:SeedOnFirstRun"] = "false";
        using var client = factory.CreateClient();

        using var response = await PostSignedAsync(client, factory, "not-the-secret", AppMention("Ev0000000003", $"<@{BotUserId}> help", "1772600000.000300"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(slack.Requests, r => r.Path == "/api/chat.postMessage");
    }

    private static BotFactory SlackFactory(RecordingServer slack, string secret)
    {
        var factory = new BotFactory();
        factory.Settings["Slack:SigningSecret"] = secret;
        factory.Settings["Slack:BotToken"] = "xoxb-e2e-token";
        factory.Settings["Slack:BotUserId"] = BotUserId;
        factory.Settings["Slack:ApiBaseUrl"] = new Uri(slack.BaseUrl, "api/").AbsoluteUri;
        factory.Settings["Slack:PostInterval"] = "00:00:00";
        factory.Settings["Slack:RetryBaseDelay"] = "00:00:00.001";
        factory.Settings["Slack:WorkerCount"] = "1";
        return factory;
    }

    private static async Task<HttpResponseMessage> PostSignedAsync(HttpClient client, BotFactory factory, string secret, string json, string? retryNum = null)
    {
        var timestamp = factory.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(json);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/slack/events") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        request.Headers.Add(SlackSignatureFilter.TimestampHeader, timestamp);
        request.Headers.Add(SlackSignatureFilter.SignatureHeader, SlackSignature.Compute(secret, timestamp, bytes));
        if (retryNum is not null)
        {
            request.Headers.Add("X-Slack-Retry-Num", retryNum);
            request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        }

        return await client.SendAsync(request);
    }

    /// <summary>An <c>app_mention</c> event callback shaped as the Events API documents it.</summary>
    private static string AppMention(string eventId, string text, string ts) => new JsonObject
    {
        ["token"] = "deprecated-verification-token",
        ["team_id"] = "T0ACME",
        ["api_app_id"] = "A0FINOPS",
        ["event"] = new JsonObject
        {
            ["type"] = "app_mention",
            ["user"] = "U0FINOPSLD1",
            ["text"] = text,
            ["ts"] = ts,
            ["channel"] = "C0FINOPS",
            ["event_ts"] = ts,
        },
        ["type"] = "event_callback",
        ["event_id"] = eventId,
        ["event_time"] = 1772600000,
        ["authorizations"] = new JsonArray
        {
            new JsonObject { ["enterprise_id"] = null, ["team_id"] = "T0ACME", ["user_id"] = BotUserId, ["is_bot"] = true },
        },
    }.ToJsonString();
}
