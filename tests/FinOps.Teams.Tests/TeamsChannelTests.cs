using System.Net;
using System.Text.Json.Nodes;
using FinOps.Conversation.Cards;
using FinOps.Teams.Conversations;
using FinOps.Teams.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Teams.Tests;

/// <summary>Team channels kept from signed install and conversation updates, and posts to a channel named in the rules file.</summary>
public sealed class TeamsChannelTests : IAsyncLifetime
{
    private const string TeamId = "19:zFLSDFWsesfzcmKArqKJ-65aOXJz@thread.tacv2";
    private const string PaymentsChannel = "19:0b7f32667e064dd9b25d7969801541f4@thread.tacv2";
    private const string SearchChannel = "19:6d97d816470f481dbcda38244b98689a@thread.tacv2";

    private static readonly Card Digest = new("digest", "Weekly digest for team payments", [new TitleBlock("Weekly digest")]);

    private FakeBotFramework _bf = null!;
    private BotHost _bot = null!;

    public async Task InitializeAsync()
    {
        _bf = await FakeBotFramework.StartAsync();
        _bot = await BotHost.StartAsync(_bf);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _bf.DisposeAsync();
    }

    private ITeamsChannelStore Channels => _bot.App.Services.GetRequiredService<ITeamsChannelStore>();

    private TeamsTargetedSender Poster => _bot.App.Services.GetRequiredService<TeamsTargetedSender>();

    private async Task PostAsync(JsonObject activity)
    {
        var response = await TeamsEndpointsTests.PostAsync(_bot, activity, "Bearer " + _bf.CreateToken(_bot.Time.GetUtcNow(), BotHost.AppId));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The conversationUpdate Teams sends when the bot is added to a team (documented shape, eventType teamMemberAdded).</summary>
    private JsonObject BotAddedToTeam(string teamName = "Payments Engineering")
    {
        var activity = Activities.ConversationUpdate(_bf.ServiceUrl, botAdded: true, conversationId: PaymentsChannel);
        activity["conversation"] = new JsonObject
        {
            ["isGroup"] = true,
            ["conversationType"] = "channel",
            ["tenantId"] = FakeBotFramework.TenantId,
            ["id"] = PaymentsChannel,
            ["name"] = "Cost - Payments",
        };
        activity["channelData"] = new JsonObject
        {
            ["settings"] = new JsonObject { ["selectedChannel"] = new JsonObject { ["id"] = PaymentsChannel } },
            ["team"] = new JsonObject { ["aadGroupId"] = "f3ec8cd2-e704-4344-8c47-9a3a21d683c0", ["name"] = teamName, ["id"] = TeamId },
            ["eventType"] = "teamMemberAdded",
            ["tenant"] = new JsonObject { ["id"] = FakeBotFramework.TenantId },
        };
        return activity;
    }

    /// <summary>A channel or team event (channelCreated, channelRenamed, channelDeleted, teamRenamed, teamDeleted) as documented.</summary>
    private JsonObject TeamEvent(string eventType, string? channelId = null, string? channelName = null, string? teamName = null, string teamId = TeamId)
    {
        var activity = Activities.Message(_bf.ServiceUrl, string.Empty, teamId);
        activity["type"] = "conversationUpdate";
        activity.Remove("text");
        activity.Remove("textFormat");
        activity["conversation"] = new JsonObject { ["isGroup"] = true, ["conversationType"] = "channel", ["id"] = teamId };
        var team = new JsonObject { ["id"] = teamId };
        if (teamName is not null)
        {
            team["name"] = teamName;
        }

        activity["channelData"] = new JsonObject
        {
            ["team"] = team,
            ["eventType"] = eventType,
            ["tenant"] = new JsonObject { ["id"] = FakeBotFramework.TenantId },
        };
        if (channelId is not null)
        {
            activity["channelData"]!["channel"] = new JsonObject { ["id"] = channelId, ["name"] = channelName };
        }

        return activity;
    }

    [Fact]
    public async Task ConversationUpdate_BotAddedToTeam_StoresGeneralTheInstalledChannelAndTheListedChannels()
    {
        _bf.TeamChannels.Add((SearchChannel, "Cost - Search"));

        await PostAsync(BotAddedToTeam());

        var stored = await Channels.ListAsync(CancellationToken.None);
        Assert.Equal(
            [(PaymentsChannel, "Cost - Payments"), (SearchChannel, "Cost - Search"), (TeamId, "General")],
            stored.Select(c => (c.ChannelId, c.ChannelName)).OrderBy(c => c.ChannelName, StringComparer.Ordinal));
        Assert.All(stored, c =>
        {
            Assert.Equal(TeamId, c.TeamId);
            Assert.Equal("Payments Engineering", c.TeamName);
            Assert.Equal(FakeBotFramework.TenantId, c.TenantId);
            Assert.Equal(_bf.ServiceUrl, c.ServiceUrl);
            Assert.Equal(Activities.BotId, c.BotId);
        });
        Assert.Contains(_bf.Calls, c => c.Method == "GET" && c.RawPath == $"/teams/v3/teams/{Uri.EscapeDataString(TeamId)}/conversations");
    }

    [Fact]
    public async Task InstallationUpdate_ChannelListFails_InstalledChannelStillStored()
    {
        _bf.Respond = call => call.Method == "GET" ? (403, """{"error":{"code":"BotNotInConversationRoster"}}""", null) : null;
        var install = Activities.InstallationUpdate(_bf.ServiceUrl, "add", PaymentsChannel);
        install["conversation"] = BotAddedToTeam()["conversation"]!.DeepClone();
        install["channelData"] = BotAddedToTeam()["channelData"]!.DeepClone();
        install["channelData"]!.AsObject().Remove("eventType");

        await PostAsync(install);

        var resolved = await Poster.ResolveChannelAsync("Cost - Payments", CancellationToken.None);
        Assert.Equal(PaymentsChannel, resolved.Channel?.ChannelId);
    }

    [Fact]
    public async Task ChannelEvents_CreatedRenamedDeleted_NamesFollowTeams()
    {
        await PostAsync(BotAddedToTeam());
        await PostAsync(TeamEvent("channelCreated", SearchChannel, "Cost - Search"));
        Assert.Equal(SearchChannel, (await Poster.ResolveChannelAsync("cost - search", CancellationToken.None)).Channel?.ChannelId);
        Assert.Equal("Payments Engineering", (await Poster.ResolveChannelAsync("Cost - Search", CancellationToken.None)).Channel?.TeamName);

        await PostAsync(TeamEvent("channelRenamed", SearchChannel, "Cost - Search EU"));
        Assert.Null((await Poster.ResolveChannelAsync("Cost - Search", CancellationToken.None)).Channel);
        Assert.Equal(SearchChannel, (await Poster.ResolveChannelAsync("Cost - Search EU", CancellationToken.None)).Channel?.ChannelId);

        await PostAsync(TeamEvent("teamRenamed", teamName: "Payments & Billing"));
        Assert.All(await Channels.ListAsync(CancellationToken.None), c => Assert.Equal("Payments & Billing", c.TeamName));

        await PostAsync(TeamEvent("channelDeleted", SearchChannel, "Cost - Search EU"));
        var gone = await Poster.ResolveChannelAsync("Cost - Search EU", CancellationToken.None);
        Assert.Null(gone.Channel);
        Assert.Contains("'Cost - Search EU' is unknown", gone.Problem, StringComparison.Ordinal);
        Assert.NotNull((await Poster.ResolveChannelAsync("Cost - Payments", CancellationToken.None)).Channel);
    }

    [Fact]
    public async Task TeamDeletedOrBotRemoved_EveryChannelOfTheTeamForgotten()
    {
        await PostAsync(BotAddedToTeam());
        await PostAsync(TeamEvent("teamDeleted", teamName: "Payments Engineering"));
        Assert.Empty(await Channels.ListAsync(CancellationToken.None));

        await PostAsync(BotAddedToTeam());
        var uninstall = Activities.InstallationUpdate(_bf.ServiceUrl, "remove", PaymentsChannel);
        uninstall["channelData"] = BotAddedToTeam()["channelData"]!.DeepClone();
        await PostAsync(uninstall);
        Assert.Empty(await Channels.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task PostAsync_ChannelByName_NewConversationInThatChannel()
    {
        await PostAsync(BotAddedToTeam());
        var before = _bf.Calls.Count;

        var sent = await Poster.PostToChannelAsync("Cost - Payments", Digest, "digest:payments:2026-11-16:teams:Cost - Payments", CancellationToken.None);

        var create = Assert.Single(_bf.Calls.Skip(before));
        Assert.Equal("POST", create.Method);
        Assert.Equal("/teams/v3/conversations", create.RawPath);
        Assert.True((bool)create.Body!["isGroup"]!);
        Assert.Equal(PaymentsChannel, (string?)create.Body["channelData"]!["channel"]!["id"]);
        Assert.Equal(FakeBotFramework.TenantId, (string?)create.Body["channelData"]!["tenant"]!["id"]);
        Assert.Equal(Activities.BotId, (string?)create.Body["bot"]!["id"]);
        Assert.Equal("Weekly digest for team payments", (string?)create.Body["activity"]!["attachments"]![0]!["content"]!["fallbackText"]);
        Assert.Equal("a:new-conversation", sent.Conversation.Id);

        // The same key again (a re-run of the digest) posts nothing more.
        await Poster.PostToChannelAsync("Cost - Payments", Digest, "digest:payments:2026-11-16:teams:Cost - Payments", CancellationToken.None);
        Assert.Single(_bf.Calls.Skip(before));
    }

    [Fact]
    public async Task PostAsync_ChannelById_NewConversationInThatChannel()
    {
        await PostAsync(BotAddedToTeam());
        var before = _bf.Calls.Count;

        await Poster.PostToChannelAsync(PaymentsChannel, Digest, "k1", CancellationToken.None);

        Assert.Equal(PaymentsChannel, (string?)Assert.Single(_bf.Calls.Skip(before)).Body!["channelData"]!["channel"]!["id"]);
    }

    [Fact]
    public async Task PostAsync_UnknownName_RefusedNamingTheChannelAndNothingPosted()
    {
        await PostAsync(BotAddedToTeam());
        var before = _bf.Calls.Count;

        var refused = await Assert.ThrowsAsync<TeamsChannelNotFoundException>(
            () => Poster.PostToChannelAsync("Cost - Paymnets", Digest, "k2", CancellationToken.None));

        Assert.Equal("Cost - Paymnets", refused.Requested);
        Assert.Contains("'Cost - Paymnets'", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, _bf.Calls.Count);
    }

    [Fact]
    public async Task ResolveAsync_SameNameInTwoTeams_AmbiguousUnlessQualifiedWithTheTeam()
    {
        await PostAsync(BotAddedToTeam());
        await PostAsync(TeamEvent("teamRenamed", teamName: "Payments Engineering", teamId: "19:other-team@thread.tacv2"));
        await Channels.StoreAsync(
            new TeamsChannelRecord("19:other-team@thread.tacv2", "Finance", "19:other-costs@thread.tacv2", "Cost - Payments", FakeBotFramework.TenantId, _bf.ServiceUrl, Activities.BotId, _bot.Time.GetUtcNow()),
            CancellationToken.None);

        var ambiguous = await Poster.ResolveChannelAsync("Cost - Payments", CancellationToken.None);
        var qualified = await Poster.ResolveChannelAsync("Finance/Cost - Payments", CancellationToken.None);

        Assert.Null(ambiguous.Channel);
        Assert.Contains("ambiguous", ambiguous.Problem, StringComparison.Ordinal);
        Assert.Contains("'Finance'", ambiguous.Problem, StringComparison.Ordinal);
        Assert.Equal("19:other-costs@thread.tacv2", qualified.Channel?.ChannelId);
    }
}
