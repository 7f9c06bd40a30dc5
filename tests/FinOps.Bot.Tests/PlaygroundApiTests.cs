using System.Net;
using System.Text.Json.Nodes;
using FinOps.Bot.Tests.Infrastructure;
using FinOps.Core.Query;

namespace FinOps.Bot.Tests;

public sealed class PlaygroundApiTests(BotFactory factory) : IClassFixture<BotFactory>
{
    [Fact]
    public async Task Setup_Always_ListsDemoUsersAndExamples()
    {
        using var client = factory.CreateClient();
        // The people come from the company directory: the demo rules file, which the first-run seeding installs.
        await factory.WaitUntilReadyAsync();

        var setup = await PlaygroundClient.ReadJsonAsync(await client.GetAsync(new Uri("/playground/api/setup", UriKind.Relative)));

        var users = setup["users"]!.AsArray();
        Assert.True(users.Count > 1);
        Assert.Equal(PlaygroundClient.FinOpsLead, users[0]!["id"]!.GetValue<string>());
        Assert.Contains("Grace Adeyemi", users[0]!["label"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(users, u => u!["label"]!.GetValue<string>().Contains("owner of payments", StringComparison.Ordinal));
        Assert.Contains(setup["examples"]!.AsArray(), e => e!.GetValue<string>() == "help");
    }

    [Fact]
    public async Task Ask_TotalLastMonth_AnswerEqualsSumOfGeneratedCsv()
    {
        using var client = factory.CreateClient();
        await factory.WaitUntilReadyAsync();
        var expected = Expected.Usd(await Expected.SumGeneratedCsvAsync(factory, Expected.LastMonth));

        var reply = await PlaygroundClient.ReadJsonAsync(await PlaygroundClient.AskAsync(client, PlaygroundClient.FinOpsLead, "total cost last month"));

        Assert.Equal("answer", reply["kind"]!.GetValue<string>());
        Assert.Contains($"<strong class=\"card-key-value\">{expected}</strong>", reply["html"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(expected, reply["fallbackText"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(expected, reply["adaptiveCard"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(expected, reply["blockKit"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_TeamAndServiceLastWeek_AnswerEqualsIndependentQuery()
    {
        using var client = factory.CreateClient();
        await factory.WaitUntilReadyAsync();
        var expected = Expected.Usd(await Expected.QueryTotalAsync(
            factory.Services, Expected.LastWeek, (Dimension.Team, "payments"), (Dimension.Service, "Amazon Elastic Compute Cloud")));

        var reply = await PlaygroundClient.ReadJsonAsync(await PlaygroundClient.AskAsync(client, PlaygroundClient.FinOpsLead, "what did payments spend on EC2 last week?"));

        Assert.Contains($"<strong class=\"card-key-value\">{expected}</strong>", reply["html"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Click_HelpCardQuestionButton_SameMessageUpdatedWithAnswer()
    {
        using var client = factory.CreateClient();
        await factory.WaitUntilReadyAsync();
        var help = await PlaygroundClient.ReadJsonAsync(await PlaygroundClient.AskAsync(client, PlaygroundClient.FinOpsLead, "help"));
        var messageId = help["messageId"]!.GetValue<string>();
        var button = help["html"]!.GetValue<string>();
        Assert.Contains("data-action-id=\"help.ask\"", button, StringComparison.Ordinal);
        var expected = Expected.Usd(await Expected.QueryTotalAsync(factory.Services, Expected.LastWeek, (Dimension.Team, "checkout")));

        var updated = await PlaygroundClient.ReadJsonAsync(await PlaygroundClient.ClickAsync(
            client, PlaygroundClient.FinOpsLead, messageId, "help.ask", new JsonObject { ["question"] = "How much did checkout spend last week?" }));

        Assert.Equal("help", help["kind"]!.GetValue<string>());
        Assert.Equal(messageId, updated["messageId"]!.GetValue<string>());
        Assert.Equal("answer", updated["kind"]!.GetValue<string>());
        Assert.Contains($"<strong class=\"card-key-value\">{expected}</strong>", updated["html"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_UnknownUser_BadRequest()
    {
        using var client = factory.CreateClient();

        using var response = await PlaygroundClient.AskAsync(client, "U0NOBODY", "total cost last month");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("unknown playground user", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Click_UnknownUser_BadRequest()
    {
        using var client = factory.CreateClient();

        using var response = await PlaygroundClient.ClickAsync(client, "U0NOBODY", "pg-1", "help.ask");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Click_UnknownMessage_NotFound()
    {
        using var client = factory.CreateClient();

        using var response = await PlaygroundClient.ClickAsync(client, PlaygroundClient.FinOpsLead, "pg-never-shown", "help.ask");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Ask_EmptyText_BadRequest()
    {
        using var client = factory.CreateClient();

        using var response = await PlaygroundClient.AskAsync(client, PlaygroundClient.FinOpsLead, "   ");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Page_Always_ServesHtmlScriptAndCardStyles()
    {
        using var client = factory.CreateClient();

        using var page = await client.GetAsync(new Uri("/playground/index.html", UriKind.Relative));
        using var script = await client.GetAsync(new Uri("/playground/playground.js", UriKind.Relative));
        using var styles = await client.GetAsync(new Uri("/playground/cards.css", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal(HttpStatusCode.OK, styles.StatusCode);
        Assert.Contains(".card", await styles.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
