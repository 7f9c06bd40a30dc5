using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FinOps.Bot.Tests.Infrastructure;
using FinOps.Core.Query;
using FinOps.Slack.Security;

namespace FinOps.Bot.Tests;

/// <summary>
/// Follow-ups ("and the month before?") and the drill-down buttons under answers, through each channel's real endpoint:
/// signed Slack events and interactions, Teams activities and invokes, the playground API.
/// </summary>
public sealed class FollowUpsThroughChannelsTests
{
    private const string BotUserId = "U0FINBOT";
    private const string Grace = "U0FINOPSLD1";
    private const string Other = "U0OTHER0001";
    private const string Question = "how much did checkout spend last month";

    /// <summary>January 2026: "the month before" last month at <see cref="BotFactory.Now"/>.</summary>
    private static readonly DateRange MonthBefore = new(new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1));

    private static readonly string[] DrillDownTitles = ["Why did it change?", "By service", "Trend", "Compare with previous period"];

    [Fact]
    public async Task SlackThread_FollowUp_AnswersTheMonthBeforeForThatPersonOnly()
    {
        await using var slack = await RecordingServer.StartAsync();
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await using var factory = SlackFactory(slack, secret);
        using var client = factory.CreateClient();
        await factory.WaitUntilReadyAsync();
        var january = Expected.Usd(await Expected.QueryTotalAsync(factory.Services, MonthBefore, (Dimension.Team, "checkout")));
        const string Thread = "1772600000.000100";

        using var ask = await PostSignedAsync(client, factory, secret, Mention("Ev1000000001", Grace, $"<@{BotUserId}> {Question}", Thread, Thread));
        await slack.NextAsync("/api/chat.postMessage");
        using var followUp = await PostSignedAsync(client, factory, secret, Mention("Ev1000000002", Grace, $"<@{BotUserId}> and the month before?", "1772600000.000200", Thread));
        var answer = await slack.NextAsync("/api/chat.postMessage");
        using var someoneElse = await PostSignedAsync(client, factory, secret, Mention("Ev1000000003", Other, $"<@{BotUserId}> and the month before?", "1772600000.000300", Thread));
        var otherAnswer = await slack.NextAsync("/api/chat.postMessage");

        Assert.Equal(HttpStatusCode.OK, followUp.StatusCode);
        Assert.Equal(Thread, answer.Json["thread_ts"]!.GetValue<string>());
        Assert.Contains("Checkout spent " + january + " in January 2026", answer.Json["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(january, otherAnswer.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Checkout", otherAnswer.Json["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlackBlockActions_EachDrillDownButton_UpdatesTheMessageWithItsAnswer()
    {
        await using var slack = await RecordingServer.StartAsync();
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await using var factory = SlackFactory(slack, secret);
        using var client = factory.CreateClient();
        await factory.WaitUntilReadyAsync();
        var february = Expected.Usd(await Expected.QueryTotalAsync(factory.Services, Expected.LastMonth, (Dimension.Team, "checkout")));
        var january = Expected.Usd(await Expected.QueryTotalAsync(factory.Services, MonthBefore, (Dimension.Team, "checkout")));
        using var ask = await PostSignedAsync(client, factory, secret, Mention("Ev1000000010", Grace, $"<@{BotUserId}> {Question}", "1772600000.000400", null));
        var post = await slack.NextAsync("/api/chat.postMessage");
        CardOracle.AssertValidBlockKit(new JsonObject { ["text"] = post.Json["text"]!.DeepClone(), ["blocks"] = post.Json["blocks"]!.DeepClone() });
        var buttons = post.Json["blocks"]!.AsArray()
            .Where(b => b!["type"]!.GetValue<string>() == "actions")
            .SelectMany(b => b!["elements"]!.AsArray())
            .ToDictionary(e => e!["text"]!["text"]!.GetValue<string>(), e => e!);
        Assert.Equal(DrillDownTitles, buttons.Keys);
        Assert.All(buttons.Values, b => Assert.True(b["value"]!.GetValue<string>().Length <= 2000));
        var ts = post.Answer["ts"]!.GetValue<string>();

        var updates = new Dictionary<string, JsonObject>();
        var n = 0;
        foreach (var (title, button) in buttons)
        {
            using var click = await PostInteractionAsync(client, factory, secret, BlockActions(slack, ts, button, "1772600200.00000" + (++n).ToString(CultureInfo.InvariantCulture)));
            Assert.Equal(HttpStatusCode.OK, click.StatusCode);
            var update = await slack.NextAsync("/api/chat.update");
            Assert.Equal(ts, update.Json["ts"]!.GetValue<string>());
            updates[title] = update.Json.AsObject();
        }

        Assert.All(updates.Values, u => Assert.StartsWith("Checkout spent " + february + " last month", u["text"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Contains("Service ", updates["By service"]["blocks"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(january, updates["Compare with previous period"]["blocks"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(january, updates["Why did it change?"]["blocks"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(4, updates.Values.Select(u => u["blocks"]!.ToJsonString()).Distinct().Count());
    }

    [Fact]
    public async Task Teams_FollowUp_AnswersTheMonthBeforeForThatPersonOnly()
    {
        await using var connector = await RecordingServer.StartAsync();
        await using var factory = new BotFactory();
        factory.Settings["Teams:DevelopmentServiceUrl"] = connector.BaseUrl.AbsoluteUri;
        using var client = factory.CreateClient();
        await factory.WaitUntilReadyAsync();
        var january = Expected.Usd(await Expected.QueryTotalAsync(factory.Services, MonthBefore, (Dimension.Team, "checkout")));

        using var ask = await client.PostAsJsonAsync(new Uri("/api/messages", UriKind.Relative), TeamsMessage(connector.BaseUrl, "1772600000011", "29:1grace", Question));
        await connector.NextAsync("/activities/1772600000011");
        using var followUp = await client.PostAsJsonAsync(new Uri("/api/messages", UriKind.Relative), TeamsMessage(connector.BaseUrl, "1772600000012", "29:1grace", "and the month before?"));
        var answer = await connector.NextAsync("/activities/1772600000012");
        using var other = await client.PostAsJsonAsync(new Uri("/api/messages", UriKind.Relative), TeamsMessage(connector.BaseUrl, "1772600000013", "29:2someone", "and the month before?"));
        var otherAnswer = await connector.NextAsync("/activities/1772600000013");

        Assert.True(followUp.IsSuccessStatusCode);
        var card = answer.Json["attachments"]![0]!["content"]!.AsObject();
        Assert.Contains("Checkout spent " + january + " in January 2026", card["body"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(january, otherAnswer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeamsInvoke_EachDrillDownButton_RefreshesTheCardWithItsAnswer()
    {
        await using var connector = await RecordingServer.StartAsync();
        await using var factory = new BotFactory();
        factory.Settings["Teams:DevelopmentServiceUrl"] = connector.BaseUrl.AbsoluteUri;
        using var client = factory.CreateClient();
        await factory.WaitUntilReadyAsync();
        var february = Expected.Usd(await Expected.QueryTotalAsync(factory.Services, Expected.LastMonth, (Dimension.Team, "checkout")));
        var january = Expected.Usd(await Expected.QueryTotalAsync(factory.Services, MonthBefore, (Dimension.Team, "checkout")));
        using var ask = await client.PostAsJsonAsync(new Uri("/api/messages", UriKind.Relative), TeamsMessage(connector.BaseUrl, "1772600000021", "29:1grace", Question));
        var reply = await connector.NextAsync("/activities/1772600000021");
        var cardActivityId = reply.Answer["id"]!.GetValue<string>();
        var answerCard = reply.Json["attachments"]![0]!["content"]!.AsObject();
        CardOracle.AssertValidAdaptiveCard(answerCard);
        var buttons = Descendants(answerCard).Where(n => n["type"]?.GetValue<string>() == "Action.Execute" && n["verb"]?.GetValue<string>() == "question.drill").ToList();
        Assert.Equal(DrillDownTitles, buttons.Select(b => b["title"]!.GetValue<string>()));

        var refreshed = new Dictionary<string, string>();
        foreach (var button in buttons)
        {
            using var invoke = await client.PostAsJsonAsync(new Uri("/api/messages", UriKind.Relative), TeamsInvoke(connector.BaseUrl, button, cardActivityId));
            var body = await invoke.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, invoke.StatusCode);
            var card = JsonNode.Parse(body)!["value"]!.AsObject();
            CardOracle.AssertValidAdaptiveCard(card);
            refreshed[button["title"]!.GetValue<string>()] = card["body"]!.ToJsonString();
        }

        Assert.All(refreshed.Values, b => Assert.Contains("Checkout spent " + february + " last month", b, StringComparison.Ordinal));
        Assert.Contains(january, refreshed["Compare with previous period"], StringComparison.Ordinal);
        Assert.Contains(january, refreshed["Why did it change?"], StringComparison.Ordinal);
        Assert.Contains("\"Service\"", refreshed["By service"], StringComparison.Ordinal);
        Assert.Equal(4, refreshed.Values.Distinct().Count());

        // Clients without Universal Actions send the Action.Submit fallback as a message; the card is updated in place.
        var submit = buttons.Single(b => b["title"]!.GetValue<string>() == "By service")["fallback"]!;
        var message = TeamsMessage(connector.BaseUrl, "1772600000022", "29:1grace", string.Empty);
        message.Remove("text");
        message["replyToId"] = cardActivityId;
        message["value"] = submit["data"]!.DeepClone();
        using var submitted = await client.PostAsJsonAsync(new Uri("/api/messages", UriKind.Relative), message);
        var update = await connector.NextAsync("/activities/" + cardActivityId, r => r.Method == "PUT");
        Assert.True(submitted.IsSuccessStatusCode);
        Assert.Contains("Checkout spent " + february + " last month", update.Body, StringComparison.Ordinal);
        Assert.Contains("\"Service\"", update.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Playground_FollowUpAndEachDrillDownButton_AnsweredThroughTheApi()
    {
        await using var factory = new BotFactory();
        using var client = factory.CreateClient();
        await factory.WaitUntilReadyAsync();
        var february = Expected.Usd(await Expected.QueryTotalAsync(factory.Services, Expected.LastMonth, (Dimension.Team, "checkout")));
        var january = Expected.Usd(await Expected.QueryTotalAsync(factory.Services, MonthBefore, (Dimension.Team, "checkout")));

        var first = await PlaygroundClient.ReadJsonAsync(await PlaygroundClient.AskAsync(client, PlaygroundClient.FinOpsLead, Question));
        var followUp = await PlaygroundClient.ReadJsonAsync(await PlaygroundClient.AskAsync(client, PlaygroundClient.FinOpsLead, "and the month before?"));

        Assert.StartsWith("Checkout spent " + january + " in January 2026", followUp["fallbackText"]!.GetValue<string>(), StringComparison.Ordinal);
        var buttons = Descendants(first["adaptiveCard"]!).Where(n => n["type"]?.GetValue<string>() == "Action.Execute" && n["verb"]?.GetValue<string>() == "question.drill").ToList();
        Assert.Equal(DrillDownTitles, buttons.Select(b => b["title"]!.GetValue<string>()));
        var messageId = first["messageId"]!.GetValue<string>();
        var answers = new List<string>();
        foreach (var button in buttons)
        {
            var clicked = await PlaygroundClient.ReadJsonAsync(await PlaygroundClient.ClickAsync(
                client, PlaygroundClient.FinOpsLead, messageId, "question.drill", button["data"]!.DeepClone().AsObject()));
            Assert.Equal("answer", clicked["kind"]!.GetValue<string>());
            Assert.StartsWith("Checkout spent " + february + " last month", clicked["fallbackText"]!.GetValue<string>(), StringComparison.Ordinal);
            answers.Add(clicked["html"]!.GetValue<string>());
        }

        Assert.Equal(4, answers.Distinct().Count());
        Assert.Contains(january, answers[3], StringComparison.Ordinal);
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

    /// <summary>An <c>app_mention</c> event from <paramref name="user"/>, in the thread <paramref name="threadTs"/> when given.</summary>
    private static string Mention(string eventId, string user, string text, string ts, string? threadTs)
    {
        var ev = new JsonObject
        {
            ["type"] = "app_mention",
            ["user"] = user,
            ["text"] = text,
            ["ts"] = ts,
            ["channel"] = "C0FINOPS",
            ["event_ts"] = ts,
        };
        if (threadTs is not null)
        {
            ev["thread_ts"] = threadTs;
        }

        return new JsonObject
        {
            ["token"] = "deprecated-verification-token",
            ["team_id"] = "T0ACME",
            ["api_app_id"] = "A0FINOPS",
            ["event"] = ev,
            ["type"] = "event_callback",
            ["event_id"] = eventId,
            ["event_time"] = 1772600000,
            ["authorizations"] = new JsonArray { new JsonObject { ["enterprise_id"] = null, ["team_id"] = "T0ACME", ["user_id"] = BotUserId, ["is_bot"] = true } },
        }.ToJsonString();
    }

    /// <summary>A <c>block_actions</c> payload for a click on <paramref name="button"/> of the bot message at <paramref name="messageTs"/>.</summary>
    private static string BlockActions(RecordingServer slack, string messageTs, JsonNode button, string actionTs) => new JsonObject
    {
        ["type"] = "block_actions",
        ["user"] = new JsonObject { ["id"] = Grace, ["username"] = "grace", ["name"] = "grace", ["team_id"] = "T0ACME" },
        ["api_app_id"] = "A0FINOPS",
        ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = messageTs, ["channel_id"] = "C0FINOPS", ["is_ephemeral"] = false },
        ["trigger_id"] = "1337." + actionTs.Replace(".", string.Empty, StringComparison.Ordinal) + ".abc",
        ["team"] = new JsonObject { ["id"] = "T0ACME", ["domain"] = "acme" },
        ["channel"] = new JsonObject { ["id"] = "C0FINOPS", ["name"] = "finops" },
        ["message"] = new JsonObject { ["type"] = "message", ["ts"] = messageTs, ["text"] = "Checkout spent" },
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

    private static JsonObject TeamsInvoke(Uri serviceUrl, JsonNode button, string cardActivityId)
    {
        var activity = TeamsMessage(serviceUrl, "f:invoke-" + Guid.NewGuid().ToString("N"), "29:1grace", string.Empty);
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["replyToId"] = cardActivityId;
        activity.Remove("text");
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject
            {
                ["type"] = "Action.Execute",
                ["verb"] = button["verb"]!.DeepClone(),
                ["data"] = button["data"]?.DeepClone() ?? new JsonObject(),
            },
            ["trigger"] = "manual",
        };
        return activity;
    }

    /// <summary>A group-chat message activity from <paramref name="from"/>, shaped as the Bot Framework documents it.</summary>
    private static JsonObject TeamsMessage(Uri serviceUrl, string id, string from, string text) => new()
    {
        ["type"] = "message",
        ["id"] = id,
        ["timestamp"] = "2026-03-04T09:30:00.000Z",
        ["serviceUrl"] = serviceUrl.AbsoluteUri,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = from, ["name"] = from == "29:1grace" ? "Grace Adeyemi" : "Someone Else" },
        ["conversation"] = new JsonObject { ["id"] = "19:finops-group@thread.v2", ["conversationType"] = "groupChat", ["tenantId"] = "72f988bf-86f1-41af-91ab-2d7cd011db47" },
        ["recipient"] = new JsonObject { ["id"] = "28:finops-bot", ["name"] = "FinOps Bot" },
        ["textFormat"] = "plain",
        ["text"] = text,
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "72f988bf-86f1-41af-91ab-2d7cd011db47" } },
    };
}
