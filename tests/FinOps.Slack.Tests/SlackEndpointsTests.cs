using System.Net;
using FinOps.Slack.Tests.Infrastructure;

namespace FinOps.Slack.Tests;

public sealed class SlackEndpointsTests
{
    [Fact]
    public async Task MapSlack_NoSigningSecret_NoEndpoints()
    {
        await using var slack = await FakeSlackServer.StartAsync();
        await using var host = await SlackAppHost.StartAsync(slack, s => s["Slack:SigningSecret"] = null);

        var events = await host.PostSignedAsync("/slack/events", "{}", "application/json", secret: "anything");
        var install = await host.Client.GetAsync(new Uri("/slack/install", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, events.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, install.StatusCode);
    }

    [Fact]
    public async Task MapSlack_NoOAuthClient_InstallNotMapped()
    {
        await using var slack = await FakeSlackServer.StartAsync();
        await using var host = await SlackAppHost.StartAsync(slack);

        var install = await host.Client.GetAsync(new Uri("/slack/install", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, install.StatusCode);
    }

    [Fact]
    public async Task AddSlack_ClientIdWithoutSecret_FailsAtStart()
    {
        await using var slack = await FakeSlackServer.StartAsync();

        var ex = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            () => SlackAppHost.StartAsync(slack, s => s["Slack:ClientId"] = "123.456"));

        Assert.Contains("ClientSecret", ex.Message, StringComparison.Ordinal);
    }
}
