using System.Text.Json.Nodes;
using FinOps.Core.Allocation;
using FinOps.Core.People;
using FinOps.Slack.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Slack.Tests.People;

public sealed class SlackIdentityLookupTests : IAsyncLifetime
{
    // Mia is in the directory by e-mail only: no Slack user id to recognise her by.
    private const string Rules = "version: 1\nteams:\n  - key: payments\n    members: [mia@corp.example]\n";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private FakeSlackServer _slack = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackServer.StartAsync();
        _services = SlackServices.Build(_slack, _clock);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private PersonResolver Resolver() => new(
        new DirectorySource(new AllocationRuleSource(AllocationRulesParser.Parse(Rules, "allocation.yaml"))),
        _services.GetServices<IChannelIdentityLookup>(),
        _clock,
        new DirectoryOptions { LookupCacheLifetime = TimeSpan.FromMinutes(30) });

    private void ScriptMia() => _slack.Script("users.info", context => context.Response.WriteAsJsonAsync(new JsonObject
    {
        ["ok"] = true,
        ["user"] = new JsonObject { ["id"] = "U0MIA0001", ["name"] = "mia", ["profile"] = new JsonObject { ["email"] = "Mia@corp.example" } },
    }));

    [Fact]
    public async Task ResolveAsync_PersonListedOnlyByEmail_RecognisedThroughUsersInfoAndCached()
    {
        ScriptMia();
        var resolver = Resolver();
        var mia = new ChannelIdentity("slack", "U0MIA0001", Workspace: "T0ACME");

        var first = await resolver.ResolveAsync(mia, CancellationToken.None);
        var second = await resolver.ResolveAsync(mia, CancellationToken.None);

        Assert.Equal("mia@corp.example", first?.Email);
        Assert.Equal(first, second);
        var call = Assert.Single(_slack.CallsTo("users.info"));
        Assert.Equal("U0MIA0001", call.Form["user"].ToString());
        Assert.Equal("Bearer xoxb-test-token", call.Authorization);

        ScriptMia();
        _clock.Advance(TimeSpan.FromMinutes(31));
        Assert.NotNull(await resolver.ResolveAsync(mia, CancellationToken.None));
        Assert.Equal(2, _slack.CallsTo("users.info").Count);
    }

    [Fact]
    public async Task ResolveAsync_MissingEmailScope_NotRecognised()
    {
        _slack.ScriptError("users.info", "missing_scope");

        var person = await Resolver().ResolveAsync(new ChannelIdentity("slack", "U0MIA0001", Workspace: "T0ACME"), CancellationToken.None);

        Assert.Null(person);
        Assert.Single(_slack.CallsTo("users.info"));
    }

    [Fact]
    public async Task ResolveAsync_EmailAlreadyInMessage_NoCall()
    {
        var person = await Resolver().ResolveAsync(new ChannelIdentity("slack", "U0MIA0001", "mia@corp.example", Workspace: "T0ACME"), CancellationToken.None);

        Assert.Equal("mia@corp.example", person?.Email);
        Assert.Empty(_slack.CallsTo("users.info"));
    }
}
