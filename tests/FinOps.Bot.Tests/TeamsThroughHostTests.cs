using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FinOps.Bot.Tests.Infrastructure;

namespace FinOps.Bot.Tests;

/// <summary>Teams through the real host in development mode (no app id): an activity in, the reply out to a fake connector.</summary>
public sealed class TeamsThroughHostTests
{
    private const string ConversationId = "a:1finops-personal";

    [Fact]
    public async Task Message_DevelopmentMode_ReplyCarriesAdaptiveCardWithRightNumber()
    {
        await using var connector = await RecordingServer.StartAsync();
        await using var factory = new BotFactory();
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
    public async Task Message_DevelopmentModeFromAnotherMachine_Unauthorized()
    {
        await using var connector = await RecordingServer.StartAsync();
        await using var factory = new BotFactory { RemoteAddress = IPAddress.Parse("203.0.113.9") };
        factory.Settings["Demo:SeedOnFirstRun"] = "false";
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync(new Uri("/api/messages", UriKind.Relative), Message(connector.BaseUrl, "total cost last month"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(connector.Requests);
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
