using System.Net;
using FinOps.Core.Reliability;
using FinOps.Slack.Installation;
using FinOps.Slack.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Slack.Tests.Installation;

/// <summary>The OAuth state is single-use: a replayed callback is refused and does not exchange its code again.</summary>
public sealed class SlackOAuthReplayTests : IAsyncLifetime
{
    private FakeSlackServer _slack = null!;
    private SlackAppHost _host = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackServer.StartAsync();
        _host = await SlackAppHost.StartAsync(_slack, s =>
        {
            s["Slack:ClientId"] = "123.456";
            s["Slack:ClientSecret"] = "client-secret";
            s["Slack:StateSecret"] = "state-secret";
            s["Slack:RedirectUri"] = "https://bot.example.com/slack/oauth/callback";
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task Callback_ReplayedWithSameStateAndCookie_RefusedAndCodeNotExchangedAgain()
    {
        var state = await StartInstallAsync();
        var callback = new Uri($"/slack/oauth/callback?code=code-1&state={Uri.EscapeDataString(state)}", UriKind.Relative);
        using var first = await _host.Client.GetAsync(callback);
        await _host.Services.GetRequiredService<ISlackInstallationStore>().DeleteAsync("T0NEW", default);

        // The replay carries the state cookie again, as an attacker holding the browser's request would.
        _host.Cookies.Add(_host.Client.BaseAddress!, new Cookie(SlackEndpoints.StateCookie, state, "/slack/oauth"));
        using var second = await _host.Client.GetAsync(callback);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Contains("already been used", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(_slack.CallsTo("oauth.v2.access"));
        Assert.Null(await _host.Services.GetRequiredService<ISlackInstallationStore>().FindAsync("T0NEW", default));
    }

    [Fact]
    public async Task Callback_StateSpentInIdempotencyStore_Refused()
    {
        var state = await StartInstallAsync();
        Assert.True(SlackOAuthState.TryRead("state-secret", state, _host.Clock.GetUtcNow(), out var nonce, out _));
        // What a callback before a restart left in the (durable, in the host) idempotency store.
        var store = _host.Services.GetRequiredService<IIdempotencyStore>();
        await store.CompleteAsync(SlackEndpoints.OAuthStateScope, nonce, null, default);

        using var response = await _host.Client.GetAsync(new Uri($"/slack/oauth/callback?code=code-1&state={Uri.EscapeDataString(state)}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_slack.CallsTo("oauth.v2.access"));
    }

    [Fact]
    public async Task Callback_TwoInstallsEachWithOwnState_BothAccepted()
    {
        var first = await StartInstallAsync();
        using var firstResponse = await _host.Client.GetAsync(new Uri($"/slack/oauth/callback?code=code-1&state={Uri.EscapeDataString(first)}", UriKind.Relative));
        var second = await StartInstallAsync();
        using var secondResponse = await _host.Client.GetAsync(new Uri($"/slack/oauth/callback?code=code-2&state={Uri.EscapeDataString(second)}", UriKind.Relative));

        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.OK, firstResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, secondResponse.StatusCode);
    }

    private async Task<string> StartInstallAsync()
    {
        var response = await _host.Client.GetAsync(new Uri("/slack/install", UriKind.Relative));
        return QueryHelpers.ParseQuery(response.Headers.Location!.Query)["state"].ToString();
    }
}
