using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FinOps.Bot.Tests.Infrastructure;
using FinOps.Conversation.Anomalies;
using FinOps.Conversation.Charts;
using FinOps.Conversation.Rendering;
using FinOps.Core.Anomalies;
using FinOps.Slack.BlockKit;
using FinOps.Slack.Security;
using FinOps.Teams.Cards;
using FinOps.Teams.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Bot.Tests;

/// <summary>
/// The anomaly alert's feedback buttons through the real host: a signed Slack <c>block_actions</c> request and a JWT-signed
/// Teams <c>Action.Execute</c> invoke per button, by an owner of payments (recorded once in the durable store, the card
/// replaced with the state) and by the owner of another team (refused privately, nothing recorded). The directory is the
/// demo rules file the first run seeds: Priya Raman owns payments, Sofia Alvarez owns checkout.
/// </summary>
public sealed class AnomalyFeedbackThroughHostTests
{
    private const string SlackBotUserId = "U0FINBOT";
    private const string PriyaSlack = "U0PAYMENTS1";
    private const string SofiaSlack = "U0CHECKOUT1";
    private const string PriyaEntra = "6d796170-6e65-7374-0000-000000000e01";
    private const string SofiaEntra = "63656863-6f6b-7475-0000-000000000e01";
    private const string TeamsAppId = "5f2f3b3c-1d2e-4f5a-8b9c-0d1e2f3a4b5c";
    private const string Conversation = "a:1priya-personal";

    private static readonly CostAnomaly Spike = new(
        "an-feedback0001", [new("team", "payments"), new("service", "Amazon EC2")], new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 3),
        new DateOnly(2026, 3, 3), true, "USD", 3_700m, 700m, 3_000m, AnomalyDirection.Up, AnomalyKind.Point,
        [new([new("service", "Amazon EC2"), new("resource", "r-batch")], 3_000m, new DateOnly(2026, 3, 2))]);

    private static readonly (string Title, string State)[] Buttons =
    [
        ("Expected", "Marked expected by Priya Raman"),
        ("Investigating", "Investigating: Priya Raman (since 2026-03-04 09:30 UTC)"),
        ("Not an issue", "Not an issue (Priya Raman)"),
        ("Mute this service for 7 days", "Muted Amazon EC2 for payments until 2026-03-11 by Priya Raman"),
    ];

    [Fact]
    public async Task SlackBlockActions_EachButtonByOtherTeamThenOwnerTwice_RefusedPrivatelyThenRecordedOnceAndCardUpdated()
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
        var store = factory.Services.GetRequiredService<IAnomalyFeedbackStore>();
        var rendered = new BlockKitRenderer(MoneyFormatter.EnglishUnitedStates, NoChartImageUrlProvider.Instance).Render(AnomalyAlertCardComposer.Compose(Spike, "Payments"));
        CardOracle.AssertValidBlockKit(new JsonObject { ["text"] = rendered.Text, ["blocks"] = rendered.Blocks.DeepClone() });
        var recorded = new List<AnomalyFeedbackKind>();
        foreach (var (title, state) in Buttons)
        {
            var button = rendered.Blocks.AsArray()
                .Where(b => b!["type"]!.GetValue<string>() == "actions")
                .SelectMany(b => b!["elements"]!.AsArray())
                .Single(e => e!["text"]!["text"]!.GetValue<string>() == title)!;

            using var refused = await PostInteractionAsync(client, factory, secret, BlockActions(slack, SofiaSlack, button, $"17726001{recorded.Count}0.000001"));
            var notice = await slack.NextAsync("/hooks/1");
            using var click = await PostInteractionAsync(client, factory, secret, BlockActions(slack, PriyaSlack, button, $"17726001{recorded.Count}1.000001"));
            var update = await slack.NextAsync("/api/chat.update");
            using var again = await PostInteractionAsync(client, factory, secret, BlockActions(slack, PriyaSlack, button, $"17726001{recorded.Count}2.000001"));
            // One worker: the sentinel's notice comes after whatever the second click did.
            using var sentinel = await PostInteractionAsync(client, factory, secret, BlockActions(slack, SofiaSlack, button, $"17726001{recorded.Count}3.000001"));
            await slack.NextAsync("/hooks/1");

            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Equal(HttpStatusCode.OK, click.StatusCode);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal("ephemeral", notice.Json["response_type"]!.GetValue<string>());
            Assert.Contains("nothing was recorded", notice.Body, StringComparison.Ordinal);
            Assert.Equal("1772600000.000100", update.Json["ts"]!.GetValue<string>());
            Assert.Contains(state, update.Json["blocks"]!.ToJsonString(), StringComparison.Ordinal);
            CardOracle.AssertValidBlockKit(new JsonObject { ["text"] = update.Json["text"]!.DeepClone(), ["blocks"] = update.Json["blocks"]!.DeepClone() });
            var entries = await store.ListAsync(null, CancellationToken.None);
            Assert.Equal(recorded.Count + 1, entries.Count);
            var entry = entries[^1];
            recorded.Add(entry.Kind);
            Assert.Equal(("priya.raman@acme-commerce.example", "Priya Raman", BotFactory.Now, "slack"), (entry.ActorKey, entry.ActorName, entry.At, entry.Channel));
            Assert.Equal(("an-feedback0001", "payments", "Amazon EC2"), (entry.IncidentId, entry.Team, entry.Service));
        }

        Assert.Equal([AnomalyFeedbackKind.Expected, AnomalyFeedbackKind.Investigating, AnomalyFeedbackKind.NotAnIssue, AnomalyFeedbackKind.Mute], recorded);
    }

    [Fact]
    public async Task TeamsSignedInvoke_EachButtonByOtherTeamThenOwnerTwice_RefusedPrivatelyThenRecordedOnceSameCard()
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
        var store = factory.Services.GetRequiredService<IAnomalyFeedbackStore>();
        var card = new AdaptiveCardRenderer(MoneyFormatter.EnglishUnitedStates, NoChartImageUrlProvider.Instance).Render(AnomalyAlertCardComposer.Compose(Spike, "Payments"));
        CardOracle.AssertValidAdaptiveCard(card);
        var count = 0;
        foreach (var (title, state) in Buttons)
        {
            var button = Descendants(card).Single(n => n["type"]?.GetValue<string>() == "Action.Execute" && n["title"]?.GetValue<string>() == title);

            var refused = await InvokeAsync(client, factory, bf, SofiaEntra, button);
            var first = await InvokeAsync(client, factory, bf, PriyaEntra, button);
            var second = await InvokeAsync(client, factory, bf, PriyaEntra, button);

            Assert.Contains("nothing was recorded", refused.ToJsonString(), StringComparison.Ordinal);
            Assert.Contains(state, first["value"]!.ToJsonString(), StringComparison.Ordinal);
            CardOracle.AssertValidAdaptiveCard(first["value"]!.AsObject());
            Assert.True(JsonNode.DeepEquals(first, second), "a second click returns the same card");
            Assert.Null(Descendants(first["value"]!).FirstOrDefault(n => n["type"]?.GetValue<string>() == "Action.Execute" && n["title"]?.GetValue<string>() == title));
            var entries = await store.ListAsync(null, CancellationToken.None);
            Assert.Equal(++count, entries.Count);
            Assert.Equal(("priya.raman@acme-commerce.example", "teams", BotFactory.Now), (entries[^1].ActorKey, entries[^1].Channel, entries[^1].At));
        }
    }

    private static async Task<JsonObject> InvokeAsync(HttpClient client, BotFactory factory, FakeBotFramework bf, string aadObjectId, JsonNode button)
    {
        var activity = new JsonObject
        {
            ["type"] = "invoke",
            ["name"] = "adaptiveCard/action",
            ["id"] = "f:invoke-" + Guid.NewGuid().ToString("N"),
            ["timestamp"] = "2026-03-04T09:30:00.000Z",
            ["serviceUrl"] = bf.ServiceUrl,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = "29:" + aadObjectId, ["name"] = "Someone", ["aadObjectId"] = aadObjectId },
            ["conversation"] = new JsonObject { ["id"] = Conversation, ["conversationType"] = "personal", ["tenantId"] = FakeBotFramework.TenantId },
            ["recipient"] = new JsonObject { ["id"] = "28:" + TeamsAppId, ["name"] = "FinOps Bot" },
            ["replyToId"] = "1772600000001",
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = FakeBotFramework.TenantId } },
            ["value"] = new JsonObject
            {
                ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = button["verb"]!.DeepClone(), ["data"] = button["data"]?.DeepClone() ?? new JsonObject() },
                ["trigger"] = "manual",
            },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(activity) };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + bf.CreateToken(factory.Time.GetUtcNow(), TeamsAppId));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
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

    /// <summary>A <c>block_actions</c> payload: <paramref name="user"/> clicks <paramref name="button"/> on the alert posted at 1772600000.000100.</summary>
    private static string BlockActions(RecordingServer slack, string user, JsonNode button, string actionTs) => new JsonObject
    {
        ["type"] = "block_actions",
        ["user"] = new JsonObject { ["id"] = user, ["username"] = user, ["name"] = user, ["team_id"] = "T0ACME" },
        ["api_app_id"] = "A0FINOPS",
        ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = "1772600000.000100", ["channel_id"] = "C0COSTS", ["is_ephemeral"] = false },
        ["trigger_id"] = "1337." + actionTs.Replace(".", string.Empty, StringComparison.Ordinal) + ".abc",
        ["team"] = new JsonObject { ["id"] = "T0ACME", ["domain"] = "acme" },
        ["channel"] = new JsonObject { ["id"] = "C0COSTS", ["name"] = "costs" },
        ["message"] = new JsonObject { ["type"] = "message", ["ts"] = "1772600000.000100", ["text"] = "Cost anomaly" },
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

    private static IEnumerable<JsonNode> Descendants(JsonNode node) => node switch
    {
        JsonObject o => new[] { node }.Concat(o.Select(p => p.Value).OfType<JsonNode>().SelectMany(Descendants)),
        JsonArray a => a.OfType<JsonNode>().SelectMany(Descendants),
        _ => [],
    };
}
