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
        CardOracle.AssertValidBlockKit(new JsonObject { ["text"] = body["text"]!.DeepClone(), ["blocks"] = blocks.DeepClone() });
    }

    [Fact]
    public async Task BlockActions_HelpButtonClickedTwice_MessageUpdatedOnceWithAnswer()
    {
        await using var slack = await RecordingServer.StartAsync();
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await using var factory = SlackFactory(slack, secret);
        using var client = factory.CreateClient();
        await factory.WaitUntilReadyAsync();
        var expected = Expected.Usd(await Expected.QueryTotalAsync(factory.Services, Expected.LastWeek, (FinOps.Core.Query.Dimension.Team, "checkout")));
        using var mention = await PostSignedAsync(client, factory, secret, AppMention("Ev0000000010", $"<@{BotUserId}> help", "1772600000.000400"));
        var helpPost = await slack.NextAsync("/api/chat.postMessage");
        var buttons = helpPost.Json["blocks"]!.AsArray()
            .Where(b => b!["type"]!.GetValue<string>() == "actions")
            .SelectMany(b => b!["elements"]!.AsArray())
            .Where(e => e!["type"]!.GetValue<string>() == "button")
            .ToList();
        var checkout = buttons.First(b => b!["text"]!["text"]!.GetValue<string>() == "How much did checkout spend last week?")!;
        var other = buttons.First(b => b!["text"]!["text"]!.GetValue<string>() == "Top 5 services last month")!;
        var ts = helpPost.Answer["ts"]!.GetValue<string>();

        using var click = await PostInteractionAsync(client, factory, secret, BlockActions(slack, ts, checkout, "1772600100.000001"));
        var update = await slack.NextAsync("/api/chat.update");
        using var again = await PostInteractionAsync(client, factory, secret, BlockActions(slack, ts, checkout, "1772600101.000001"));
        using var sentinel = await PostInteractionAsync(client, factory, secret, BlockActions(slack, ts, other, "1772600102.000001"));
        // The sentinel's update comes after any update the duplicate click could have caused.
        var sentinelUpdate = await slack.NextAsync("/api/chat.update");

        Assert.Equal(HttpStatusCode.OK, click.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(ts, update.Json["ts"]!.GetValue<string>());
        Assert.Equal("C0FINOPS", update.Json["channel"]!.GetValue<string>());
        Assert.Contains(expected, update.Json["blocks"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(expected, sentinelUpdate.Body, StringComparison.Ordinal);
        Assert.Equal(2, slack.Requests.Count(r => r.Path == "/api/chat.update"));
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

    private static async Task<HttpResponseMessage> PostInteractionAsync(HttpClient client, BotFactory factory, string secret, string payload)
    {
        using var form = new FormUrlEncodedContent([new KeyValuePair<string, string>("payload", payload)]);
        var body = await form.ReadAsStringAsync();
        var timestamp = factory.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/slack/interactions") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded");
        request.Headers.Add(SlackSignatureFilter.TimestampHeader, timestamp);
        request.Headers.Add(SlackSignatureFilter.SignatureHeader, SlackSignature.Compute(secret, timestamp, bytes));
        return await client.SendAsync(request);
    }

    /// <summary>A <c>block_actions</c> payload for a click on <paramref name="button"/> of the bot message at <paramref name="messageTs"/>.</summary>
    private static string BlockActions(RecordingServer slack, string messageTs, JsonNode button, string actionTs) => new JsonObject
    {
        ["type"] = "block_actions",
        ["user"] = new JsonObject { ["id"] = "U0FINOPSLD1", ["username"] = "grace", ["name"] = "grace", ["team_id"] = "T0ACME" },
        ["api_app_id"] = "A0FINOPS",
        ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = messageTs, ["channel_id"] = "C0FINOPS", ["is_ephemeral"] = false },
        // Slack gives every interaction its own trigger_id.
        ["trigger_id"] = "1337." + actionTs.Replace(".", string.Empty, StringComparison.Ordinal) + ".abc",
        ["team"] = new JsonObject { ["id"] = "T0ACME", ["domain"] = "acme" },
        ["channel"] = new JsonObject { ["id"] = "C0FINOPS", ["name"] = "finops" },
        ["message"] = new JsonObject { ["type"] = "message", ["ts"] = messageTs, ["text"] = "What I can answer" },
        ["state"] = new JsonObject { ["values"] = new JsonObject() },
        ["response_url"] = new Uri(slack.BaseUrl, "hooks/1").AbsoluteUri,
        ["actions"] = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "button",
                ["action_id"] = button["action_id"]!.GetValue<string>(),
                ["block_id"] = "actions",
                ["value"] = button["value"]?.GetValue<string>(),
                ["text"] = button["text"]!.DeepClone(),
                ["action_ts"] = actionTs,
            },
        },
    }.ToJsonString();

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
