using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FinOps.Bot.Tests.Infrastructure;
using FinOps.Core.Subscriptions;
using FinOps.Slack.Security;
using FinOps.Teams.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Bot.Tests;

/// <summary>
/// "@finops subscribe this channel to payments digests" through the real host: a signed Slack Events API request and a
/// JWT-signed Teams activity, by an owner of payments (recorded) and by the owner of another team (refused). The
/// directory is the demo rules file the first run seeds: Priya Raman owns payments, Sofia Alvarez owns checkout.
/// </summary>
public sealed class SubscriptionsThroughHostTests
{
    private const string SlackBotUserId = "U0FINBOT";
    private const string PriyaSlack = "U0PAYMENTS1";
    private const string SofiaSlack = "U0CHECKOUT1";
    private const string PriyaEntra = "6d796170-6e65-7374-0000-000000000e01";
    private const string SofiaEntra = "63656863-6f6b-7475-0000-000000000e01";
    private const string TeamsAppId = "5f2f3b3c-1d2e-4f5a-8b9c-0d1e2f3a4b5c";

    [Fact]
    public async Task SlackAppMention_SubscribeByOwnerThenByOtherTeamsOwner_RecordedOnceAndRefused()
    {
        await using var slack = await RecordingServer.StartAsync();
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await using var factory = new BotFactory();
        factory.Settings["Slack:SigningSecret"] = secret;
        factory.Settings["Slack:BotToken"] = "xoxb-e2e-token";
        factory.Settings["Slack:BotUserId"] = SlackBotUserId;
        factory.Settings["Slack:ApiBaseUrl"] = new Uri(slack.BaseUrl, "api/").AbsoluteUri;
        factory.Settings["Slack:PostInterval"] = "00:00:00";
        factory.Settings["Slack:RetryBaseDelay"] = "00:00:00.001";
        factory.Settings["Slack:WorkerCount"] = "1";
        using var client = factory.CreateClient();
        await factory.WaitUntilReadyAsync();
        var store = factory.Services.GetRequiredService<ISubscriptionStore>();

        using var byOwner = await PostSlackAsync(client, factory, secret, AppMention("Ev0SUB000001", PriyaSlack, $"<@{SlackBotUserId}> subscribe this channel to payments digests", "1772600000.000100"));
        var ownerReply = await slack.NextAsync("/api/chat.postMessage");
        using var byOther = await PostSlackAsync(client, factory, secret, AppMention("Ev0SUB000002", SofiaSlack, $"<@{SlackBotUserId}> subscribe this channel to payments digests", "1772600000.000200"));
        var otherReply = await slack.NextAsync("/api/chat.postMessage");

        Assert.Equal(HttpStatusCode.OK, byOwner.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byOther.StatusCode);
        Assert.Equal("C0COSTS", ownerReply.Json["channel"]!.GetValue<string>());
        Assert.Equal("Subscribed: this conversation now receives Payments weekly digests.", ownerReply.Json["text"]!.GetValue<string>());
        Assert.StartsWith("Only the owners of payments (", otherReply.Json["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith("and admins may change its subscriptions; you are neither.", otherReply.Json["text"]!.GetValue<string>(), StringComparison.Ordinal);

        var subscription = Assert.Single(await store.ListAsync(CancellationToken.None));
        Assert.Equal(("payments", SubscriptionTopic.Digest, "slack", "C0COSTS", "T0ACME"), (subscription.TeamKey, subscription.Topic, subscription.Channel, subscription.ConversationId, subscription.Workspace));
        Assert.Equal("priya.raman@acme-commerce.example", subscription.SubscribedBy);
        var change = Assert.Single(await store.ListChangesAsync(CancellationToken.None));
        Assert.Equal(("subscribe", "priya.raman@acme-commerce.example", BotFactory.Now), (change.Action, change.ChangedBy, change.ChangedAt));
    }

    [Fact]
    public async Task TeamsSignedActivity_SubscribeByOwnerThenByOtherTeamsOwner_RecordedOnceAndRefused()
    {
        await using var bf = await FakeBotFramework.StartAsync();
        await using var factory = new BotFactory();
        factory.Settings["Teams:AppId"] = TeamsAppId;
        factory.Settings["Teams:AppPassword"] = "test-secret";
        factory.Settings["Teams:OpenIdMetadataUrl"] = bf.OpenIdMetadataUrl;
        factory.Settings["Teams:TokenAuthority"] = bf.EntraLoginHost + "/botframework.com";
        factory.Settings["Teams:EntraLoginHost"] = bf.EntraLoginHost;
        factory.ConfigureTestServices = services =>
            services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(TestCertificate.TrustingHandler));
        using var client = factory.CreateClient();
        await factory.WaitUntilReadyAsync();
        var store = factory.Services.GetRequiredService<ISubscriptionStore>();

        using var byOwner = await PostTeamsAsync(client, factory, bf, ChannelMention(bf, "1772600000001", PriyaEntra, "subscribe this channel to payments digests"));
        var ownerReply = await bf.NextCallAsync();
        using var byOther = await PostTeamsAsync(client, factory, bf, ChannelMention(bf, "1772600000002", SofiaEntra, "subscribe this channel to payments digests"));
        var otherReply = await bf.NextCallAsync();

        Assert.Equal(HttpStatusCode.OK, byOwner.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byOther.StatusCode);
        Assert.Equal("/teams/v3/conversations/" + Uri.EscapeDataString(ChannelConversation) + "/activities/1772600000001", ownerReply.RawPath);
        Assert.Equal("Subscribed: this conversation now receives Payments weekly digests.", (string?)ownerReply.Body!["attachments"]![0]!["content"]!["fallbackText"]);
        Assert.StartsWith("Only the owners of payments (", (string?)otherReply.Body!["attachments"]![0]!["content"]!["fallbackText"], StringComparison.Ordinal);

        var subscription = Assert.Single(await store.ListAsync(CancellationToken.None));
        Assert.Equal(
            ("payments", SubscriptionTopic.Digest, "teams", ChannelConversation, FakeBotFramework.TenantId),
            (subscription.TeamKey, subscription.Topic, subscription.Channel, subscription.ConversationId, subscription.Workspace));
        Assert.Equal("priya.raman@acme-commerce.example", subscription.SubscribedBy);
        Assert.Equal("subscribe", Assert.Single(await store.ListChangesAsync(CancellationToken.None)).Action);
    }

    private const string ChannelConversation = "19:costs@thread.tacv2;messageid=1772600000000";

    private static JsonObject ChannelMention(FakeBotFramework bf, string id, string aadObjectId, string text) => new()
    {
        ["type"] = "message",
        ["id"] = id,
        ["timestamp"] = "2026-03-04T09:30:00.000Z",
        ["serviceUrl"] = bf.ServiceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = "29:" + aadObjectId, ["name"] = "Someone", ["aadObjectId"] = aadObjectId },
        ["conversation"] = new JsonObject
        {
            ["id"] = ChannelConversation,
            ["conversationType"] = "channel",
            ["isGroup"] = true,
            ["tenantId"] = FakeBotFramework.TenantId,
        },
        ["recipient"] = new JsonObject { ["id"] = "28:" + TeamsAppId, ["name"] = "FinOps Bot" },
        ["textFormat"] = "plain",
        ["text"] = "<at>FinOps Bot</at> " + text,
        ["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = "<at>FinOps Bot</at>",
            ["mentioned"] = new JsonObject { ["id"] = "28:" + TeamsAppId, ["name"] = "FinOps Bot" },
        }),
        ["channelData"] = new JsonObject
        {
            ["channel"] = new JsonObject { ["id"] = "19:costs@thread.tacv2" },
            ["team"] = new JsonObject { ["id"] = "19:team@thread.tacv2" },
            ["tenant"] = new JsonObject { ["id"] = FakeBotFramework.TenantId },
        },
    };

    private static async Task<HttpResponseMessage> PostTeamsAsync(HttpClient client, BotFactory factory, FakeBotFramework bf, JsonObject activity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(activity) };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + bf.CreateToken(factory.Time.GetUtcNow(), TeamsAppId));
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> PostSlackAsync(HttpClient client, BotFactory factory, string secret, string json)
    {
        var timestamp = factory.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(json);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/slack/events") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        request.Headers.Add(SlackSignatureFilter.TimestampHeader, timestamp);
        request.Headers.Add(SlackSignatureFilter.SignatureHeader, SlackSignature.Compute(secret, timestamp, bytes));
        return await client.SendAsync(request);
    }

    private static string AppMention(string eventId, string user, string text, string ts) => new JsonObject
    {
        ["token"] = "deprecated-verification-token",
        ["team_id"] = "T0ACME",
        ["api_app_id"] = "A0FINOPS",
        ["event"] = new JsonObject
        {
            ["type"] = "app_mention",
            ["user"] = user,
            ["text"] = text,
            ["ts"] = ts,
            ["channel"] = "C0COSTS",
            ["event_ts"] = ts,
        },
        ["type"] = "event_callback",
        ["event_id"] = eventId,
        ["event_time"] = 1772600000,
        ["authorizations"] = new JsonArray
        {
            new JsonObject { ["enterprise_id"] = null, ["team_id"] = "T0ACME", ["user_id"] = SlackBotUserId, ["is_bot"] = true },
        },
    }.ToJsonString();
}
