using System.Net;
using FinOps.Slack.Installation;
using FinOps.Slack.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Slack.Tests.Installation;

public sealed class SlackOAuthEndpointTests : IAsyncLifetime
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
    public async Task Install_Get_RedirectsToSlackAuthorizeWithScopesAndSignedState()
    {
        var response = await _host.Client.GetAsync(new Uri("/slack/install", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal("https://slack.com/oauth/v2/authorize", location.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal("123.456", query["client_id"].ToString());
        Assert.Equal(string.Join(',', SlackOptions.DefaultScopes), query["scope"].ToString());
        Assert.Equal("https://bot.example.com/slack/oauth/callback", query["redirect_uri"].ToString());
        Assert.True(SlackOAuthState.IsValid("state-secret", query["state"], _host.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task Callback_StateFromInstall_InstallationStored()
    {
        var state = await StartInstallAsync();

        var response = await _host.Client.GetAsync(new Uri($"/slack/oauth/callback?code=code-1&state={Uri.EscapeDataString(state)}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("New Team", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var installation = await _host.Services.GetRequiredService<ISlackInstallationStore>().FindAsync("T0NEW", default);
        Assert.NotNull(installation);
        Assert.Equal("xoxb-installed", installation.BotToken);
        Assert.Equal("UBOT2", installation.BotUserId);
        Assert.DoesNotContain("xoxb", installation.ToString(), StringComparison.Ordinal);
        Assert.Equal("code-1", Assert.Single(_slack.CallsTo("oauth.v2.access")).Form["code"].ToString());
    }

    [Fact]
    public async Task Callback_ExpiredState_RejectedAndNothingStored()
    {
        var state = await StartInstallAsync();
        _host.Clock.Advance(TimeSpan.FromMinutes(11));

        var response = await _host.Client.GetAsync(new Uri($"/slack/oauth/callback?code=code-1&state={Uri.EscapeDataString(state)}", UriKind.Relative));

        await AssertRejectedAsync(response);
    }

    [Fact]
    public async Task Callback_ForgedState_RejectedAndNothingStored()
    {
        await StartInstallAsync();
        var forged = SlackOAuthState.Create("attacker-key", _host.Clock.GetUtcNow().AddMinutes(5));

        var response = await _host.Client.GetAsync(new Uri($"/slack/oauth/callback?code=code-1&state={Uri.EscapeDataString(forged)}", UriKind.Relative));

        await AssertRejectedAsync(response);
    }

    [Fact]
    public async Task Callback_ValidStateFromAnotherBrowser_RejectedAndNothingStored()
    {
        var state = SlackOAuthState.Create("state-secret", _host.Clock.GetUtcNow().AddMinutes(5));

        var response = await _host.Client.GetAsync(new Uri($"/slack/oauth/callback?code=code-1&state={Uri.EscapeDataString(state)}", UriKind.Relative));

        await AssertRejectedAsync(response);
    }

    [Fact]
    public async Task Callback_SlackRefusesCode_BadRequestWithErrorCode()
    {
        var state = await StartInstallAsync();
        _slack.ScriptError("oauth.v2.access", "invalid_code");

        var response = await _host.Client.GetAsync(new Uri($"/slack/oauth/callback?code=stale&state={Uri.EscapeDataString(state)}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid_code", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await _host.Services.GetRequiredService<ISlackInstallationStore>().FindAsync("T0NEW", default));
    }

    private async Task<string> StartInstallAsync()
    {
        var response = await _host.Client.GetAsync(new Uri("/slack/install", UriKind.Relative));
        return QueryHelpers.ParseQuery(response.Headers.Location!.Query)["state"].ToString();
    }

    private async Task AssertRejectedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_slack.CallsTo("oauth.v2.access"));
        Assert.Null(await _host.Services.GetRequiredService<ISlackInstallationStore>().FindAsync("T0NEW", default));
    }
}
