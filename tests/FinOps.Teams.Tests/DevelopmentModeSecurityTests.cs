using System.Net;
using FinOps.Teams.Connector;
using FinOps.Teams.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Teams.Tests;

/// <summary>Development mode is on only when asked for, serves this machine only, and replies only to Teams:DevelopmentServiceUrl.</summary>
public sealed class DevelopmentModeSecurityTests
{
    private static Action<Dictionary<string, string?>> DevelopmentMode(FakeBotFramework emulator, string? enabled = "true") => s =>
    {
        s["Teams:AppId"] = null;
        s["Teams:AppPassword"] = null;
        s["Teams:DevelopmentMode"] = enabled;
        s["Teams:DevelopmentServiceUrl"] = emulator.ServiceUrl;
    };

    [Fact]
    public async Task PostMessages_NoAppIdNotDevelopmentEnvironmentNoSetting_Unauthorized()
    {
        await using var bf = await FakeBotFramework.StartAsync();
        // The test host runs in the Production environment.
        await using var bot = await BotHost.StartAsync(bf, DevelopmentMode(bf, enabled: null));

        var response = await TeamsEndpointsTests.PostAsync(bot, Activities.Message(bf.ServiceUrl, "hi"), authorization: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(bot.App.Services.GetRequiredService<TeamsDevelopmentMode>().IsOn);
        Assert.Equal(0, bot.Conversation.CallCount);
        Assert.Empty(bf.Calls);
    }

    [Fact]
    public async Task PostMessages_DevelopmentModeFalse_Unauthorized()
    {
        await using var bf = await FakeBotFramework.StartAsync();
        await using var bot = await BotHost.StartAsync(bf, DevelopmentMode(bf, enabled: "false"));

        var response = await TeamsEndpointsTests.PostAsync(bot, Activities.Message(bf.ServiceUrl, "hi"), authorization: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, bot.Conversation.CallCount);
    }

    [Fact]
    public async Task PostMessages_DevelopmentModeAllowedServiceUrl_ReplyPosted()
    {
        await using var bf = await FakeBotFramework.StartAsync();
        await using var bot = await BotHost.StartAsync(bf, DevelopmentMode(bf));

        var response = await TeamsEndpointsTests.PostAsync(bot, Activities.Message(bf.ServiceUrl, "hi"), authorization: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = await bf.NextCallAsync();
        Assert.Equal("POST", call.Method);
        Assert.StartsWith("/teams/v3/conversations/", call.RawPath, StringComparison.Ordinal);
        Assert.Equal(1, bot.Conversation.CallCount);
    }

    [Fact]
    public async Task PostMessages_DevelopmentModeServiceUrlOutsideDevelopmentServiceUrl_RefusedAndNothingPosted()
    {
        await using var bf = await FakeBotFramework.StartAsync();
        await using var elsewhere = await FakeBotFramework.StartAsync();
        await using var bot = await BotHost.StartAsync(bf, DevelopmentMode(bf));

        var response = await TeamsEndpointsTests.PostAsync(bot, Activities.Message(elsewhere.ServiceUrl, "hi"), authorization: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, bot.Conversation.CallCount);
        Assert.Null(await bot.References.GetAsync(Activities.PersonalConversationId, CancellationToken.None));
        Assert.Empty(elsewhere.Calls);
        Assert.Empty(bf.Calls);
    }

    [Fact]
    public async Task SendToConversation_DevelopmentModeOtherLoopbackConnector_ThrowsAndNothingPosted()
    {
        await using var bf = await FakeBotFramework.StartAsync();
        await using var elsewhere = await FakeBotFramework.StartAsync();
        await using var bot = await BotHost.StartAsync(bf, DevelopmentMode(bf));
        var connector = bot.App.Services.GetRequiredService<BotConnectorClient>();

        // A proactive send to a stored reference naming another connector on this machine.
        var failure = await Assert.ThrowsAsync<BotConnectorException>(() => connector.SendToConversationAsync(
            new ConnectorTarget(elsewhere.ServiceUrl, Activities.PersonalConversationId, FakeBotFramework.TenantId),
            new global::FinOps.Teams.Activities.Activity { Type = "message", Text = "hi" },
            CancellationToken.None));

        Assert.Contains("Teams:DevelopmentServiceUrl", failure.Message, StringComparison.Ordinal);
        Assert.Empty(elsewhere.Calls);
    }

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.7")]
    [InlineData("Forwarded", "for=203.0.113.7")]
    [InlineData("X-Real-IP", "203.0.113.7")]
    [InlineData("X-Original-For", "127.0.0.1:5000")]
    public async Task PostMessages_DevelopmentModeForwardedFromLoopback_Unauthorized(string header, string value)
    {
        await using var bf = await FakeBotFramework.StartAsync();
        await using var bot = await BotHost.StartAsync(bf, DevelopmentMode(bf));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/messages", UriKind.Relative))
        {
            Content = System.Net.Http.Json.JsonContent.Create(Activities.Message(bf.ServiceUrl, "hi")),
        };
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await bot.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, bot.Conversation.CallCount);
        Assert.Empty(bf.Calls);
    }
}
