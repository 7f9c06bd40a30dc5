using System.Net;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Messaging;
using FinOps.Teams.Activities;
using FinOps.Teams.Connector;
using FinOps.Teams.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Teams.Tests;

public sealed class ProactiveTests : IAsyncLifetime
{
    private static readonly Card Digest = new("digest", "Daily digest: $1,234.00", [new TitleBlock("Daily digest")]);
    private static readonly ConversationAddress Personal = new("teams", Activities.PersonalConversationId, FakeBotFramework.TenantId);

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

    private IProactiveSender Sender => _bot.App.Services.GetServices<IProactiveSender>().Single(s => s.Channel == "teams");

    private Task<HttpResponseMessage> PostAsync(System.Text.Json.Nodes.JsonObject activity) =>
        TeamsEndpointsTests.PostAsync(_bot, activity, "Bearer " + _bf.CreateToken(_bot.Time.GetUtcNow(), BotHost.AppId));

    [Fact]
    public async Task SendAsync_AfterInstallationUpdate_PostsCardToStoredConversation()
    {
        var install = await PostAsync(Activities.InstallationUpdate(_bf.ServiceUrl, "add"));
        Assert.Equal(HttpStatusCode.OK, install.StatusCode);
        var reference = await _bot.References.GetAsync(Activities.PersonalConversationId, CancellationToken.None);
        Assert.NotNull(reference);
        Assert.Equal(_bf.ServiceUrl, reference.ServiceUrl);
        Assert.Equal("personal", reference.ConversationType);
        Assert.Equal(FakeBotFramework.TenantId, reference.TenantId);
        Assert.Equal(Activities.BotId, reference.BotId);
        Assert.Equal(Activities.UserId, reference.UserId);
        Assert.Equal(Activities.UserAadObjectId, reference.UserAadObjectId);

        var sent = await Sender.SendAsync(Personal, Digest, "digest-2026-11-23", CancellationToken.None);

        var call = await _bf.NextCallAsync();
        Assert.Equal("POST", call.Method);
        Assert.Equal($"/teams/v3/conversations/{Uri.EscapeDataString(Activities.PersonalConversationId)}/activities", call.RawPath);
        Assert.Equal("Bearer " + FakeBotFramework.AccessToken, call.Authorization);
        Assert.Equal("Daily digest: $1,234.00", (string?)call.Body!["attachments"]![0]!["content"]!["fallbackText"]);
        Assert.Equal("activity-1", sent.MessageId);
    }

    [Fact]
    public async Task SendAsync_ConnectorAccepts202WithEmptyBody_DeliveredOnceNotRetried()
    {
        await PostAsync(Activities.InstallationUpdate(_bf.ServiceUrl, "add"));
        _bf.Respond = call => call.Method == "POST" ? (202, string.Empty, null) : null;

        var sent = await Sender.SendAsync(Personal, Digest, "digest-202", CancellationToken.None);
        var again = await Sender.SendAsync(Personal, Digest, "digest-202", CancellationToken.None);

        Assert.Single(_bf.Calls, c => c.Method == "POST" && c.RawPath.EndsWith("/activities", StringComparison.Ordinal));
        Assert.Equal(string.Empty, sent.MessageId);
        Assert.Equal(string.Empty, again.MessageId);
    }

    [Fact]
    public async Task SendAsync_SingleTenantBot_TokenFromBotsTenantAuthority()
    {
        await using var bot = await BotHost.StartAsync(_bf, s =>
        {
            s["Teams:AppType"] = "SingleTenant";
            s["Teams:TenantId"] = FakeBotFramework.TenantId;
            s["Teams:TokenAuthority"] = null;
        });
        await TeamsEndpointsTests.PostAsync(bot, Activities.InstallationUpdate(_bf.ServiceUrl, "add"), "Bearer " + _bf.CreateToken(bot.Time.GetUtcNow(), BotHost.AppId));
        var sender = bot.App.Services.GetServices<IProactiveSender>().Single(s => s.Channel == "teams");

        await sender.SendAsync(Personal, Digest, "k1", CancellationToken.None);

        Assert.Equal($"/{FakeBotFramework.TenantId}/oauth2/v2.0/token", Assert.Single(_bf.TokenPaths));
    }

    [Fact]
    public async Task SendAsync_MultiTenantBot_TokenFromBotFrameworkAuthority()
    {
        await PostAsync(Activities.InstallationUpdate(_bf.ServiceUrl, "add"));

        await Sender.SendAsync(Personal, Digest, "k1", CancellationToken.None);
        await Sender.SendAsync(Personal, Digest, "k2", CancellationToken.None);

        Assert.Equal("/botframework.com/oauth2/v2.0/token", Assert.Single(_bf.TokenPaths));
    }

    [Fact]
    public async Task SendAsync_SameIdempotencyKeyTwice_PostsOnce()
    {
        await PostAsync(Activities.InstallationUpdate(_bf.ServiceUrl, "add"));

        var first = await Sender.SendAsync(Personal, Digest, "digest-key", CancellationToken.None);
        var second = await Sender.SendAsync(Personal, Digest, "digest-key", CancellationToken.None);

        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Single(_bf.Calls);
    }

    [Fact]
    public async Task SendAsync_BotNotInConversationRoster_ReferenceMarkedStaleAndNotRetried()
    {
        await PostAsync(Activities.InstallationUpdate(_bf.ServiceUrl, "add"));
        _bf.Respond = _ => (403, """{"error":{"code":"BotNotInConversationRoster","message":"The bot is not part of the conversation roster."}}""", null);

        var failure = await Assert.ThrowsAsync<BotConnectorException>(() => Sender.SendAsync(Personal, Digest, "k1", CancellationToken.None));

        Assert.True(failure.ConversationGone);
        Assert.Single(_bf.Calls);
        Assert.True((await _bot.References.GetAsync(Activities.PersonalConversationId, CancellationToken.None))!.IsStale);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Sender.SendAsync(Personal, Digest, "k2", CancellationToken.None));
        Assert.Single(_bf.Calls);
    }

    [Fact]
    public async Task SendAsync_ConversationNotFound_ReferenceMarkedStale()
    {
        await PostAsync(Activities.InstallationUpdate(_bf.ServiceUrl, "add"));
        _bf.Respond = _ => (404, """{"error":{"code":"ConversationNotFound","message":"Conversation not found."}}""", null);

        await Assert.ThrowsAsync<BotConnectorException>(() => Sender.SendAsync(Personal, Digest, "k1", CancellationToken.None));

        Assert.True((await _bot.References.GetAsync(Activities.PersonalConversationId, CancellationToken.None))!.IsStale);
    }

    [Fact]
    public async Task SendAsync_ThrottledWithRetryAfter_RetriedThenDelivered()
    {
        await PostAsync(Activities.InstallationUpdate(_bf.ServiceUrl, "add"));
        var attempts = 0;
        _bf.Respond = _ => Interlocked.Increment(ref attempts) == 1 ? (429, """{"error":{"code":"Throttled"}}""", "0") : null;

        var sent = await Sender.SendAsync(Personal, Digest, "k1", CancellationToken.None);

        Assert.Equal(2, _bf.Calls.Count);
        Assert.False(string.IsNullOrEmpty(sent.MessageId));
    }

    [Fact]
    public async Task SendAsync_UninstalledViaInstallationUpdate_RefusedWithoutCall()
    {
        await PostAsync(Activities.InstallationUpdate(_bf.ServiceUrl, "add"));
        await PostAsync(Activities.InstallationUpdate(_bf.ServiceUrl, "remove"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => Sender.SendAsync(Personal, Digest, "k1", CancellationToken.None));
        Assert.Empty(_bf.Calls);
    }

    [Fact]
    public async Task ConversationUpdate_BotAddedThenRemoved_ReferenceStoredThenRemoved()
    {
        await PostAsync(Activities.ConversationUpdate(_bf.ServiceUrl, botAdded: true));
        Assert.NotNull(await _bot.References.GetAsync(Activities.PersonalConversationId, CancellationToken.None));

        await PostAsync(Activities.ConversationUpdate(_bf.ServiceUrl, botAdded: false));
        Assert.Null(await _bot.References.GetAsync(Activities.PersonalConversationId, CancellationToken.None));
    }

    [Fact]
    public async Task UpdateAsync_SentCard_PutsActivityInPlace()
    {
        await PostAsync(Activities.InstallationUpdate(_bf.ServiceUrl, "add"));
        var sent = await Sender.SendAsync(Personal, Digest, "k1", CancellationToken.None);
        await _bf.NextCallAsync();

        await Sender.UpdateAsync(sent, Digest with { FallbackText = "Approved" }, CancellationToken.None);

        var call = await _bf.NextCallAsync();
        Assert.Equal("PUT", call.Method);
        Assert.Equal($"/teams/v3/conversations/{Uri.EscapeDataString(Activities.PersonalConversationId)}/activities/{sent.MessageId}", call.RawPath);
        Assert.Equal(sent.MessageId, (string?)call.Body!["id"]);
    }

    [Fact]
    public async Task SendToUserAsync_UserWithApp_CreatesPersonalConversationThenPostsCard()
    {
        var sender = _bot.App.Services.GetRequiredService<TeamsProactiveSender>();

        var sent = await sender.SendToUserAsync(_bf.ServiceUrl, FakeBotFramework.TenantId, Activities.BotId, Activities.UserId, Digest, "approval-1", CancellationToken.None);

        var create = await _bf.NextCallAsync();
        Assert.Equal("/teams/v3/conversations", create.RawPath);
        Assert.Equal(Activities.UserId, (string?)create.Body!["members"]![0]!["id"]);
        Assert.Equal(FakeBotFramework.TenantId, (string?)create.Body["channelData"]!["tenant"]!["id"]);
        var post = await _bf.NextCallAsync();
        Assert.Equal("/teams/v3/conversations/a%3Anew-conversation/activities", post.RawPath);
        Assert.Equal("a:new-conversation", sent.Conversation.Id);
        Assert.Equal("personal", (await _bot.References.GetAsync("a:new-conversation", CancellationToken.None))!.ConversationType);
    }

    [Fact]
    public async Task PostToChannelAsync_TeamReference_NewThreadWithCardAndUpdatable()
    {
        var sender = _bot.App.Services.GetRequiredService<TeamsProactiveSender>();
        var team = new Conversations.TeamsConversationReference(
            "19:general@thread.tacv2", _bf.ServiceUrl, "channel", FakeBotFramework.TenantId, Activities.BotId, null, null,
            "19:team@thread.tacv2", "19:general@thread.tacv2", _bot.Time.GetUtcNow());

        var sent = await sender.PostToChannelAsync(team, "19:costs@thread.tacv2", Digest, "weekly-digest", CancellationToken.None);
        await sender.UpdateAsync(sent, Digest with { FallbackText = "updated" }, CancellationToken.None);

        var create = await _bf.NextCallAsync();
        Assert.Equal("/teams/v3/conversations", create.RawPath);
        Assert.True((bool)create.Body!["isGroup"]!);
        Assert.Equal("19:costs@thread.tacv2", (string?)create.Body["channelData"]!["channel"]!["id"]);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)create.Body["activity"]!["attachments"]![0]!["contentType"]);
        var update = await _bf.NextCallAsync();
        Assert.Equal("PUT", update.Method);
        Assert.Equal($"/teams/v3/conversations/a%3Anew-conversation/activities/{sent.MessageId}", update.RawPath);
    }

    [Fact]
    public async Task CreateConversationAsync_OneToOneWithUser_PostsMembersTenantAndActivity()
    {
        using var scope = _bot.App.Services.CreateScope();
        var connector = scope.ServiceProvider.GetRequiredService<BotConnectorClient>();

        var created = await connector.CreateConversationAsync(_bf.ServiceUrl, FakeBotFramework.TenantId, new ConversationParameters
        {
            IsGroup = false,
            Bot = new ChannelAccount { Id = Activities.BotId },
            Members = [new ChannelAccount { Id = Activities.UserId }],
            TenantId = FakeBotFramework.TenantId,
            ChannelData = new System.Text.Json.Nodes.JsonObject { ["tenant"] = new System.Text.Json.Nodes.JsonObject { ["id"] = FakeBotFramework.TenantId } },
        }, CancellationToken.None);

        var call = await _bf.NextCallAsync();
        Assert.Equal("/teams/v3/conversations", call.RawPath);
        Assert.Equal(Activities.UserId, (string?)call.Body!["members"]![0]!["id"]);
        Assert.Equal(FakeBotFramework.TenantId, (string?)call.Body["tenantId"]);
        Assert.False((bool)call.Body["isGroup"]!);
        Assert.Equal("a:new-conversation", created.Id);
    }
}
