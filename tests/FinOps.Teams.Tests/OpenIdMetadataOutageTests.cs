using System.Net;
using FinOps.Teams.Tests.Fakes;

namespace FinOps.Teams.Tests;

/// <summary>While the OpenID metadata cannot be fetched, forged tokens are refused without a fetch each.</summary>
public sealed class OpenIdMetadataOutageTests
{
    private const int ForgedTokens = 20;

    [Fact]
    public async Task PostMessages_MetadataFailingManyForgedTokens_AtMostOneFetchPerRetryInterval()
    {
        await using var bf = await FakeBotFramework.StartAsync();
        bf.MetadataFailureStatus = 500;
        await using var bot = await BotHost.StartAsync(bf);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < ForgedTokens; i++)
        {
            // Signed by a key nobody published: a forgery, whatever the metadata says.
            var forged = bf.CreateToken(bot.Time.GetUtcNow(), BotHost.AppId, key: bf.UnpublishedKey);
            using var response = await TeamsEndpointsTests.PostAsync(bot, Activities.Message(bf.ServiceUrl, "hi"), "Bearer " + forged);
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.InRange(bf.MetadataRequests, 1, 2);
        Assert.Equal(0, bot.Conversation.CallCount);
    }

    [Fact]
    public async Task PostMessages_MetadataFailingConcurrentForgedTokens_AtMostOneFetch()
    {
        await using var bf = await FakeBotFramework.StartAsync();
        bf.MetadataFailureStatus = 500;
        await using var bot = await BotHost.StartAsync(bf);

        var posts = Enumerable.Range(0, ForgedTokens).Select(async _ =>
        {
            var forged = bf.CreateToken(bot.Time.GetUtcNow(), BotHost.AppId, key: bf.UnpublishedKey);
            using var response = await TeamsEndpointsTests.PostAsync(bot, Activities.Message(bf.ServiceUrl, "hi"), "Bearer " + forged);
            return response.StatusCode;
        });
        var statuses = await Task.WhenAll(posts);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.InRange(bf.MetadataRequests, 1, 2);
    }

    [Fact]
    public async Task PostMessages_MetadataBackAfterRetryInterval_ValidTokenAccepted()
    {
        await using var bf = await FakeBotFramework.StartAsync();
        bf.MetadataFailureStatus = 500;
        await using var bot = await BotHost.StartAsync(bf, s => s["Teams:OpenIdMetadataRetryInterval"] = "00:00:30");
        using var during = await TeamsEndpointsTests.PostAsync(
            bot, Activities.Message(bf.ServiceUrl, "hi"), "Bearer " + bf.CreateToken(bot.Time.GetUtcNow(), BotHost.AppId));
        var fetchesDuringOutage = bf.MetadataRequests;

        bf.MetadataFailureStatus = null;
        using var tooSoon = await TeamsEndpointsTests.PostAsync(
            bot, Activities.Message(bf.ServiceUrl, "hi"), "Bearer " + bf.CreateToken(bot.Time.GetUtcNow(), BotHost.AppId));
        bot.Time.Advance(TimeSpan.FromSeconds(31));
        using var after = await TeamsEndpointsTests.PostAsync(
            bot, Activities.Message(bf.ServiceUrl, "hi"), "Bearer " + bf.CreateToken(bot.Time.GetUtcNow(), BotHost.AppId));

        Assert.Equal(HttpStatusCode.Unauthorized, during.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, tooSoon.StatusCode);
        Assert.Equal(fetchesDuringOutage, bf.MetadataRequests - 1);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }
}
