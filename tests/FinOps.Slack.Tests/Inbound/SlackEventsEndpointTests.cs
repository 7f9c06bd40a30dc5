using System.Net;
using System.Text.Json.Nodes;
using FinOps.Core.Reliability;
using FinOps.Slack.Inbound;
using FinOps.Slack.Installation;
using FinOps.Slack.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Slack.Tests.Inbound;

public sealed class SlackEventsEndpointTests : IAsyncLifetime
{
    private FakeSlackServer _slack = null!;
    private SlackAppHost _host = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackServer.StartAsync();
        _host = await SlackAppHost.StartAsync(_slack);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task Events_UrlVerification_ReturnsChallenge()
    {
        var response = await _host.PostEventAsync("""{"token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", json["challenge"]!.GetValue<string>());
    }

    [Fact]
    public async Task Events_AppMention_AnswerPostedInChannel()
    {
        var response = await _host.PostEventAsync(SlackPayloads.AppMention("Ev1", "<@UBOT> top services last month", "1772442000.000100"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());

        var post = await _slack.NextCallAsync("chat.postMessage");
        Assert.Equal("Bearer xoxb-test-token", post.Authorization);
        Assert.Equal("C0CHAN", post.Json["channel"]!.GetValue<string>());
        Assert.Null(post.Json["thread_ts"]);
        Assert.Equal("Answer: top services last month", post.Json["text"]!.GetValue<string>());
        Assert.Equal("section", post.Json["blocks"]![0]!["type"]!.GetValue<string>());

        var message = Assert.Single(_host.Conversation.Messages);
        Assert.Equal("top services last month", message.Text);
        Assert.Equal(new("slack", "C0CHAN", SlackAppHost.TeamId, null), message.Conversation);
        Assert.Equal("U1", message.User.Id);
        Assert.Equal("alice@example.com", message.User.Email);
    }

    [Fact]
    public async Task Events_MentionInThread_AnsweredInThread()
    {
        await _host.PostEventAsync(SlackPayloads.AppMention("Ev1", "<@UBOT> and by team?", "1772442000.000200", threadTs: "1772442000.000100"));

        var post = await _slack.NextCallAsync("chat.postMessage");
        Assert.Equal("1772442000.000100", post.Json["thread_ts"]!.GetValue<string>());
    }

    [Fact]
    public async Task Events_DirectMessage_Answered()
    {
        await _host.PostEventAsync(SlackPayloads.DirectMessage("Ev1", "cost by region", "1772442000.000100"));

        var post = await _slack.NextCallAsync("chat.postMessage");
        Assert.Equal("D0DM", post.Json["channel"]!.GetValue<string>());
        Assert.Equal("Answer: cost by region", post.Json["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Events_RetriedDelivery_AnsweredOnce()
    {
        var mention = SlackPayloads.AppMention("Ev1", "<@UBOT> top services", "1772442000.000100");
        await _host.PostEventAsync(mention);
        await _slack.NextCallAsync("chat.postMessage");

        var retry = await _host.PostEventAsync(mention, new Dictionary<string, string> { ["X-Slack-Retry-Num"] = "1", ["X-Slack-Retry-Reason"] = "http_timeout" });
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        await AnswerSentinelAsync();

        Assert.Equal(2, _slack.CallsTo("chat.postMessage").Count);
        Assert.Equal(["top services", "sentinel"], _host.Conversation.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task Events_SameMessageUnderAnotherEventId_AnsweredOnce()
    {
        await _host.PostEventAsync(SlackPayloads.AppMention("Ev1", "<@UBOT> top services", "1772442000.000100"));
        await _slack.NextCallAsync("chat.postMessage");

        await _host.PostEventAsync(SlackPayloads.AppMention("Ev2", "<@UBOT> top services", "1772442000.000100"));
        await AnswerSentinelAsync();

        Assert.Equal(2, _slack.CallsTo("chat.postMessage").Count);
    }

    [Fact]
    public async Task Events_FirstAttemptFailed_AnsweredOnRetryFromInbox()
    {
        _slack.ScriptError("chat.postMessage", "internal_error");
        var mention = SlackPayloads.AppMention("Ev1", "<@UBOT> top services", "1772442000.000100");
        await _host.PostEventAsync(mention);
        var failed = await _slack.NextCallAsync("chat.postMessage");
        Assert.Equal(1, failed.Attempt);
        await AnswerSentinelAsync();

        // Slack's own retry finds the work already stored; the inbox retries it after its backoff.
        var retry = await _host.PostEventAsync(mention, new Dictionary<string, string> { ["X-Slack-Retry-Num"] = "1", ["X-Slack-Retry-Reason"] = "http_error" });
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        _host.Clock.Advance(TimeSpan.FromSeconds(5));
        var answered = await _slack.NextCallAsync("chat.postMessage", c => c.Json["text"]!.GetValue<string>() == "Answer: top services");

        Assert.Equal(3, answered.Attempt);
        Assert.Equal("Answer: top services", answered.Json["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Events_WorkerDiedMidAnswer_RetryAnsweredOnceLeaseExpired()
    {
        // A worker that crashed after claiming the event left its claims behind.
        var store = _host.Services.GetRequiredService<IIdempotencyStore>();
        var lease = TimeSpan.FromMinutes(5);
        Assert.True(await store.TryClaimAsync(SlackWorkProcessor.EventScope, "Ev1", lease, default));
        Assert.True(await store.TryClaimAsync(SlackWorkProcessor.MessageScope, SlackAppHost.TeamId + ":C0CHAN:1772442000.000100", lease, default));
        var mention = SlackPayloads.AppMention("Ev1", "<@UBOT> top services", "1772442000.000100");

        await _host.PostEventAsync(mention, new Dictionary<string, string> { ["X-Slack-Retry-Num"] = "1" });
        await AnswerSentinelAsync();
        Assert.Equal(["sentinel"], _host.Conversation.Messages.Select(m => m.Text));

        _host.Clock.Advance(lease);
        await _host.PostEventAsync(mention, new Dictionary<string, string> { ["X-Slack-Retry-Num"] = "2" });
        var answer = await _slack.NextCallAsync("chat.postMessage", c => c.Json["text"]!.GetValue<string>() == "Answer: top services");

        Assert.Equal("C0CHAN", answer.Json["channel"]!.GetValue<string>());
        Assert.Equal(["sentinel", "top services"], _host.Conversation.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task Events_BotsOwnAndOtherBotsAndSubtypes_Ignored()
    {
        await _host.PostEventAsync(SlackPayloads.DirectMessage("Ev1", "I am the bot", "1.1", user: SlackAppHost.BotUserId));
        await _host.PostEventAsync(SlackPayloads.EventCallback("Ev2", new JsonObject
        {
            ["type"] = "message", ["channel_type"] = "im", ["bot_id"] = "B0OTHER", ["user"] = "U2", ["text"] = "other bot", ["ts"] = "1.2", ["channel"] = "D0DM",
        }));
        await _host.PostEventAsync(SlackPayloads.EventCallback("Ev3", new JsonObject
        {
            ["type"] = "message", ["channel_type"] = "im", ["subtype"] = "message_changed", ["user"] = "U1", ["text"] = "edited", ["ts"] = "1.3", ["channel"] = "D0DM",
        }));
        await _host.PostEventAsync(SlackPayloads.EventCallback("Ev4", new JsonObject
        {
            ["type"] = "message", ["channel_type"] = "channel", ["user"] = "U1", ["text"] = "channel chatter", ["ts"] = "1.4", ["channel"] = "C0CHAN",
        }));
        await AnswerSentinelAsync();

        Assert.Equal(["sentinel"], _host.Conversation.Messages.Select(m => m.Text));
        Assert.Single(_slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task Events_AppUninstalled_InstallationRemoved()
    {
        var store = _host.Services.GetRequiredService<ISlackInstallationStore>();
        await store.SaveAsync(new SlackInstallation(SlackAppHost.TeamId, "Acme", null, "UBOT", "xoxb-oauth", "A0APP", "chat:write", _host.Clock.GetUtcNow()), default);

        await _host.PostEventAsync(SlackPayloads.EventCallback("Ev1", new JsonObject { ["type"] = "app_uninstalled", ["event_ts"] = "1.1" }));
        await AnswerSentinelAsync();

        Assert.Null(await store.FindAsync(SlackAppHost.TeamId, default));
    }

    [Fact]
    public async Task Events_TokensRevoked_InstallationRemoved()
    {
        var store = _host.Services.GetRequiredService<ISlackInstallationStore>();
        await store.SaveAsync(new SlackInstallation(SlackAppHost.TeamId, "Acme", null, "UBOT", "xoxb-oauth", "A0APP", "chat:write", _host.Clock.GetUtcNow()), default);

        await _host.PostEventAsync(SlackPayloads.EventCallback("Ev1", new JsonObject
        {
            ["type"] = "tokens_revoked", ["tokens"] = new JsonObject { ["oauth"] = new JsonArray(), ["bot"] = new JsonArray("UBOT") },
        }));
        await AnswerSentinelAsync();

        Assert.Null(await store.FindAsync(SlackAppHost.TeamId, default));
    }

    [Fact]
    public async Task Events_OAuthInstallation_UsedInsteadOfConfiguredToken()
    {
        var store = _host.Services.GetRequiredService<ISlackInstallationStore>();
        await store.SaveAsync(new SlackInstallation(SlackAppHost.TeamId, "Acme", null, "UBOT", "xoxb-oauth", "A0APP", "chat:write", _host.Clock.GetUtcNow()), default);

        await _host.PostEventAsync(SlackPayloads.AppMention("Ev1", "<@UBOT> hi", "1.1"));

        Assert.Equal("Bearer xoxb-oauth", (await _slack.NextCallAsync("chat.postMessage")).Authorization);
    }

    /// <summary>With one worker the queue is FIFO: once the sentinel is answered, everything sent before it was processed.</summary>
    private async Task AnswerSentinelAsync()
    {
        await _host.PostEventAsync(SlackPayloads.AppMention("EvSentinel", "<@UBOT> sentinel", "9999999999.000001"));
        await _slack.NextCallAsync("chat.postMessage", c => c.Json["text"]!.GetValue<string>() == "Answer: sentinel");
    }
}
