using System.Net;
using FinOps.Teams.Tests.Fakes;

namespace FinOps.Teams.Tests;

public sealed class DevelopmentModeTests
{
    [Fact]
    public async Task PostMessages_NoAppIdFromLoopback_AcceptedWithoutToken()
    {
        await using var bf = await FakeBotFramework.StartAsync();
        await using var bot = await BotHost.StartAsync(bf, s =>
        {
            s["Teams:AppId"] = null;
            s["Teams:AppPassword"] = null;
            s["Teams:DevelopmentMode"] = "true";
            s["Teams:DevelopmentServiceUrl"] = bf.ServiceUrl;
        });

        var response = await TeamsEndpointsTests.PostAsync(bot, Activities.InstallationUpdate(bf.ServiceUrl, "add"), authorization: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(await bot.References.GetAsync(Activities.PersonalConversationId, CancellationToken.None));
    }

    [Fact]
    public async Task PostMessages_AppIdSet_TokenRequiredEvenFromLoopback()
    {
        await using var bf = await FakeBotFramework.StartAsync();
        await using var bot = await BotHost.StartAsync(bf);

        var response = await TeamsEndpointsTests.PostAsync(bot, Activities.InstallationUpdate(bf.ServiceUrl, "add"), authorization: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(await bot.References.GetAsync(Activities.PersonalConversationId, CancellationToken.None));
    }

    [Fact]
    public async Task PostMessages_TenantNotAllowed_Unauthorized()
    {
        await using var bf = await FakeBotFramework.StartAsync();
        await using var bot = await BotHost.StartAsync(bf, s => s["Teams:AllowedTenants:0"] = "11111111-1111-1111-1111-111111111111");

        var response = await TeamsEndpointsTests.PostAsync(
            bot, Activities.Message(bf.ServiceUrl, "hi"), "Bearer " + bf.CreateToken(bot.Time.GetUtcNow(), BotHost.AppId));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, bot.Conversation.CallCount);
    }

    [Fact]
    public async Task PostMessages_TenantAllowed_Accepted()
    {
        await using var bf = await FakeBotFramework.StartAsync();
        await using var bot = await BotHost.StartAsync(bf, s => s["Teams:AllowedTenants:0"] = FakeBotFramework.TenantId);

        var response = await TeamsEndpointsTests.PostAsync(
            bot, Activities.Message(bf.ServiceUrl, "hi"), "Bearer " + bf.CreateToken(bot.Time.GetUtcNow(), BotHost.AppId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
