using System.Net;
using FinOps.Bot.Tests.Infrastructure;

namespace FinOps.Bot.Tests;

public sealed class PlaygroundAccessTests
{
    [Theory]
    [InlineData("/playground/index.html")]
    [InlineData("/playground/api/setup")]
    [InlineData("/playground/api/events")]
    [InlineData("/")]
    public async Task Playground_NonLoopbackClient_NotServed(string path)
    {
        await using var factory = new BotFactory { RemoteAddress = IPAddress.Parse("203.0.113.7") };
        factory.Settings["Demo:SeedOnFirstRun"] = "false";
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Ask_NonLoopbackClient_NotAnswered()
    {
        await using var factory = new BotFactory { RemoteAddress = IPAddress.Parse("198.51.100.20") };
        factory.Settings["Demo:SeedOnFirstRun"] = "false";
        using var client = factory.CreateClient();

        using var response = await PlaygroundClient.AskAsync(client, PlaygroundClient.FinOpsLead, "help");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
