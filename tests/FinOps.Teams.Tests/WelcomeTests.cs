using System.Net;
using System.Text.Json.Nodes;
using FinOps.Conversation.Cards;
using FinOps.Teams.Tests.Fakes;

namespace FinOps.Teams.Tests;

public sealed class WelcomeTests : IAsyncLifetime
{
    private static readonly string[] Examples = ["How much did we spend last month?", "Top 5 services this month", "What changed since last week?"];

    private static readonly Card Welcome = new(
        "welcome",
        "Welcome. Try: " + string.Join("; ", Examples),
        [new TitleBlock("Welcome to FinOps Bot"), new TextBlock("Try for example:\n" + string.Join('\n', Examples.Select(e => "- " + e)))]);

    private FakeBotFramework _bf = null!;
    private BotHost _bot = null!;

    public async Task InitializeAsync()
    {
        _bf = await FakeBotFramework.StartAsync();
        _bot = await BotHost.StartAsync(_bf);
        _bot.Conversation.Welcome = Welcome;
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _bf.DisposeAsync();
    }

    private async Task PostAsync(JsonObject activity)
    {
        var response = await TeamsEndpointsTests.PostAsync(_bot, activity, "Bearer " + _bf.CreateToken(_bot.Time.GetUtcNow(), BotHost.AppId));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private IEnumerable<ConnectorCall> Posts => _bf.Calls.Where(c => c.Method == "POST" && c.RawPath.EndsWith("/activities", StringComparison.Ordinal));

    [Fact]
    public async Task InstallationUpdate_PersonalScope_PostsOneWelcomeWithThreeExamples()
    {
        await PostAsync(Activities.InstallationUpdate(_bf.ServiceUrl, "add"));

        var call = Assert.Single(Posts);
        Assert.Equal($"/teams/v3/conversations/{Uri.EscapeDataString(Activities.PersonalConversationId)}/activities", call.RawPath);
        var card = call.Body!["attachments"]![0]!["content"]!.ToJsonString();
        Assert.All(Examples, e => Assert.Contains(e, card, StringComparison.Ordinal));
    }

    [Fact]
    public async Task InstallEvents_Repeated_PostsWelcomeOnce()
    {
        await PostAsync(Activities.ConversationUpdate(_bf.ServiceUrl, botAdded: true));
        await PostAsync(Activities.InstallationUpdate(_bf.ServiceUrl, "add"));
        await PostAsync(Activities.InstallationUpdate(_bf.ServiceUrl, "add-upgrade"));

        Assert.Single(Posts);
    }

    [Fact]
    public async Task ConversationUpdate_ChannelAddsOtherMembers_PostsNoWelcome()
    {
        var activity = Activities.ConversationUpdate(_bf.ServiceUrl, botAdded: true, conversationId: "19:channel@thread.tacv2");
        activity["conversation"]!["conversationType"] = "channel";
        activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "29:someone-else" });
        await PostAsync(activity);

        var groupInstall = Activities.InstallationUpdate(_bf.ServiceUrl, "add", conversationId: "19:group@thread.v2");
        groupInstall["conversation"]!["conversationType"] = "groupChat";
        await PostAsync(groupInstall);

        Assert.Empty(Posts);
    }

    [Fact]
    public async Task InstallationUpdate_PostFails_NextInstallPostsWelcome()
    {
        _bf.Respond = call => call.RawPath.EndsWith("/activities", StringComparison.Ordinal) ? (500, "{}", null) : null;
        await PostAsync(Activities.InstallationUpdate(_bf.ServiceUrl, "add"));
        var failed = Posts.Count();
        Assert.True(failed >= 1);

        _bf.Respond = null;
        await PostAsync(Activities.InstallationUpdate(_bf.ServiceUrl, "add"));

        Assert.Equal(failed + 1, Posts.Count());
    }
}
