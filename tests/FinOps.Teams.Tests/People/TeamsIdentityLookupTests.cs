using System.Net;
using FinOps.Core.Allocation;
using FinOps.Core.People;
using FinOps.Teams.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Teams.Tests.People;

public sealed class TeamsIdentityLookupTests : IAsyncLifetime
{
    // Mia is in the directory by e-mail only: no Entra object id to recognise her by.
    private const string Rules = "version: 1\nteams:\n  - key: payments\n    members: [mia@corp.example]\n";

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

    private PersonResolver Resolver() => new(
        new DirectorySource(new AllocationRuleSource(AllocationRulesParser.Parse(Rules, "allocation.yaml"))),
        _bot.App.Services.GetServices<IChannelIdentityLookup>(),
        _bot.Time,
        new DirectoryOptions { LookupCacheLifetime = TimeSpan.FromMinutes(30) });

    private static ChannelIdentity Mia() =>
        new("teams", Activities.UserId, AadObjectId: Activities.UserAadObjectId, ConversationId: Activities.PersonalConversationId, Workspace: FakeBotFramework.TenantId);

    private async Task InstallAsync()
    {
        var install = await TeamsEndpointsTests.PostAsync(
            _bot, Activities.InstallationUpdate(_bf.ServiceUrl, "add"), "Bearer " + _bf.CreateToken(_bot.Time.GetUtcNow(), BotHost.AppId));
        Assert.Equal(HttpStatusCode.OK, install.StatusCode);
    }

    [Fact]
    public async Task ResolveAsync_PersonListedOnlyByEmail_RecognisedThroughTheMemberLookupAndCached()
    {
        await InstallAsync();
        _bf.Respond = call => call.Method == "GET" && call.RawPath.Contains("/members/", StringComparison.Ordinal)
            ? (200, $$"""{"id":"{{Activities.UserId}}","name":"Mia","aadObjectId":"{{Activities.UserAadObjectId}}","userPrincipalName":"Mia@Corp.example"}""", null)
            : null;
        var resolver = Resolver();

        var first = await resolver.ResolveAsync(Mia(), CancellationToken.None);
        var second = await resolver.ResolveAsync(Mia(), CancellationToken.None);

        Assert.Equal("mia@corp.example", first?.Email);
        Assert.Equal(first, second);
        var lookup = Assert.Single(_bf.Calls, c => c.Method == "GET");
        Assert.Equal(
            $"/teams/v3/conversations/{Uri.EscapeDataString(Activities.PersonalConversationId)}/members/{Uri.EscapeDataString(Activities.UserId)}",
            lookup.RawPath);
        Assert.Equal("Bearer " + FakeBotFramework.AccessToken, lookup.Authorization);

        _bot.Time.Advance(TimeSpan.FromMinutes(31));
        await resolver.ResolveAsync(Mia(), CancellationToken.None);
        Assert.Equal(2, _bf.Calls.Count(c => c.Method == "GET"));
    }

    [Fact]
    public async Task ResolveAsync_MemberLookupFails_NotRecognised()
    {
        await InstallAsync();
        _bf.Respond = call => call.Method == "GET" ? (500, """{"error":{"code":"ServiceError"}}""", null) : null;

        var person = await Resolver().ResolveAsync(Mia(), CancellationToken.None);

        Assert.Null(person);
    }
}
