using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FinOps.Bot.Tests.Infrastructure;

namespace FinOps.Bot.Tests;

/// <summary>
/// Teams through the real host in development mode (no app id, Development environment, the fake connector as
/// Teams:DevelopmentServiceUrl): an activity in, the reply out to a fake connector.
/// </summary>
public sealed class TeamsThroughHostTests
{
    private const string ConversationId = "a:1finops-personal";

    [Fact]
    public async Task Message_DevelopmentMode_ReplyCarriesAdaptiveCardWithRightNumber()
    {
        await using var connector = await RecordingServer.StartAsync();
        await using var factory = new BotFactory();
        factory.Settings["Teams:DevelopmentServiceUrl"] = connector.BaseUrl.AbsoluteUri;
        using var client = factory.CreateClient();
        await factory.WaitUntilReadyAsync();
        var expected = Expected.Usd(await Expected.SumGeneratedCsvAsync(factory, Expected.LastMonth));

        using var response = await client.PostAsJsonAsync(new Uri("/api/messages", UriKind.Relative), Message(connector.BaseUrl, "total cost last month"));
        var reply = await connector.NextAsync("/activities/1772600000001");

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
        Assert.Equal("POST", reply.Method);
        // The recorded path is already unescaped by the fake server.
        Assert.StartsWith("/v3/conversations/" + ConversationId + "/activities/", reply.Path, StringComparison.Ordinal);
        var activity = reply.Json;
        Assert.Equal("message", activity["type"]!.GetValue<string>());
        var attachment = Assert.Single(activity["attachments"]!.AsArray())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        var card = attachment["content"]!.AsObject();
        Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
        Assert.Contains(expected, card["body"]!.ToJsonString(), StringComparison.Ordinal);
        CardOracle.AssertValidAdaptiveCard(card);
    }

    [Fact]
    public async Task Invoke_HelpCardActionExecuteClickedTwice_RefreshedCardWithAnswerSameBothTimes()
    {
        await using var connector = await RecordingServer.StartAsync();
        await using var factory = new BotFactory();
        factory.Settings["Teams:DevelopmentServiceUrl"] = connector.BaseUrl.AbsoluteUri;
        using var client = factory.CreateClient();
        await factory.WaitUntilReadyAsync();
        var expected = Expected.Usd(await Expected.QueryTotalAsync(factory.Services, Expected.LastWeek, (FinOps.Core.Query.Dimension.Team, "checkout")));
        using var ask = await client.PostAsJsonAsync(new Uri("/api/messages", UriKind.Relative), Message(connector.BaseUrl, "help"));
        var helpReply = await connector.NextAsync("/activities/1772600000001");
        var cardActivityId = helpReply.Answer["id"]!.GetValue<string>();
        var helpCard = helpReply.Json["attachments"]![0]!["content"]!;
        var button = Descendants(helpCard).First(n =>
            n["type"]?.GetValue<string>() == "Action.Execute" && n["title"]?.GetValue<string>() == "How much did checkout spend last week?");

        using var first = await client.PostAsJsonAsync(new Uri("/api/messages", UriKind.Relative), Invoke(connector.BaseUrl, button, cardActivityId));
        var firstBody = await first.Content.ReadAsStringAsync();
        using var second = await client.PostAsJsonAsync(new Uri("/api/messages", UriKind.Relative), Invoke(connector.BaseUrl, button, cardActivityId));
        var secondBody = await second.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var response = JsonNode.Parse(firstBody)!;
        Assert.Equal(200, response["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", response["type"]!.GetValue<string>());
        var refreshed = response["value"]!.AsObject();
        Assert.Contains(expected, refreshed["body"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(response, JsonNode.Parse(secondBody)), "a second click returns the same card");
        CardOracle.AssertValidAdaptiveCard(refreshed);
    }

    [Fact]
    public async Task Message_DevelopmentModeFromAnotherMachine_Unauthorized()
    {
        await using var connector = await RecordingServer.StartAsync();
        await using var factory = new BotFactory { RemoteAddress = IPAddress.Parse("203.0.113.9") };
        factory.Settings["Demo:SeedOnFirstRun"] = "false";
        factory.Settings["Teams:DevelopmentServiceUrl"] = connector.BaseUrl.AbsoluteUri;
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync(new Uri("/api/messages", UriKind.Relative), Message(connector.BaseUrl, "total cost last month"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(connector.Requests);
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node) => node switch
    {
        JsonObject o => new[] { node }.Concat(o.Select(p => p.Value).OfType<JsonNode>().SelectMany(Descendants)),
        JsonArray a => a.OfType<JsonNode>().SelectMany(Descendants),
        _ => [],
    };

    /// <summary>An <c>adaptiveCard/action</c> invoke for a click on <paramref name="button"/> of the card sent as <paramref name="cardActivityId"/>.</summary>
    private static JsonObject Invoke(Uri serviceUrl, JsonNode button, string cardActivityId)
    {
        var activity = Message(serviceUrl, string.Empty);
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["id"] = "f:invoke-" + Guid.NewGuid().ToString("N");
        activity["replyToId"] = cardActivityId;
        activity.Remove("text");
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject
            {
                ["type"] = "Action.Execute",
                ["id"] = button["id"]?.DeepClone(),
                ["verb"] = button["verb"]!.DeepClone(),
                ["data"] = button["data"]?.DeepClone() ?? new JsonObject(),
            },
            ["trigger"] = "manual",
        };
        return activity;
    }

    /// <summary>A personal-chat message activity shaped as the Bot Framework documents it.</summary>
    private static JsonObject Message(Uri serviceUrl, string text) => new()
    {
        ["type"] = "message",
        ["id"] = "1772600000001",
        ["timestamp"] = "2026-03-04T09:30:00.000Z",
        ["serviceUrl"] = serviceUrl.AbsoluteUri,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = "29:1grace", ["name"] = "Grace Adeyemi", ["aadObjectId"] = "f1a0c5e2-7b3d-4e9a-8c6f-0d2e4b6a8c01" },
        ["conversation"] = new JsonObject { ["id"] = ConversationId, ["conversationType"] = "personal", ["tenantId"] = "72f988bf-86f1-41af-91ab-2d7cd011db47" },
        ["recipient"] = new JsonObject { ["id"] = "28:finops-bot", ["name"] = "FinOps Bot" },
        ["textFormat"] = "plain",
        ["text"] = text,
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "72f988bf-86f1-41af-91ab-2d7cd011db47" } },
    };
}
