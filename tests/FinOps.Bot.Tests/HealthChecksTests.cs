using System.Net;
using System.Text.Json;
using FinOps.Bot.Hosting;
using FinOps.Bot.Tests.Infrastructure;
using FinOps.Slack;
using FinOps.Storage.Data;
using FinOps.Teams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace FinOps.Bot.Tests;

/// <summary>Issue 19: /readyz runs ASP.NET Core health checks for the store, the queues and the channel credentials.</summary>
public sealed class HealthChecksTests
{
    [Fact]
    public async Task Readyz_Ready_ReportsStoreQueuesAndCredentialsHealthy()
    {
        await using var factory = new BotFactory();
        factory.Settings["Demo:SeedOnFirstRun"] = "false";
        using var client = factory.CreateClient();
        await factory.WaitUntilReadyAsync();

        using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ready", body.GetProperty("status").GetString());
        var checks = body.GetProperty("checks");
        Assert.Equal("healthy", checks.GetProperty("store").GetProperty("status").GetString());
        Assert.Equal("healthy", checks.GetProperty("queues").GetProperty("status").GetString());
        Assert.Equal("Slack off, Teams off", checks.GetProperty("credentials").GetProperty("description").GetString());
    }

    [Fact]
    public async Task Readyz_DeadLetterInAQueue_DegradedWithTheCount()
    {
        await using var factory = new BotFactory();
        factory.Settings["Demo:SeedOnFirstRun"] = "false";
        using var client = factory.CreateClient();
        await factory.WaitUntilReadyAsync();
        await using (var context = factory.Services.GetRequiredService<CostDatabase>().CreateContext())
        {
            context.OutboxMessages.Add(new OutboxEntity { Channel = "slack-inbound", IdempotencyKey = "k1", Payload = "{}", Status = "dead", CreatedAt = BotFactory.Now, NextAttemptAt = BotFactory.Now });
            context.OutboxMessages.Add(new OutboxEntity { Channel = "slack-inbound", IdempotencyKey = "k2", Payload = "{}", Status = "pending", CreatedAt = BotFactory.Now, NextAttemptAt = BotFactory.Now });
            await context.SaveChangesAsync();
        }

        using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("degraded", body.GetProperty("status").GetString());
        var queues = body.GetProperty("checks").GetProperty("queues");
        Assert.Equal("1 pending, 1 dead letters", queues.GetProperty("description").GetString());
        Assert.Equal(1, queues.GetProperty("data").GetProperty("slack-inbound.dead").GetInt32());
    }

    [Fact]
    public async Task CredentialsCheck_TeamsOnWithoutPassword_UnhealthyNamingTheSetting()
    {
        var check = new HealthCheckServices.ChannelCredentialsHealthCheck(
            Options.Create(new SlackOptions()),
            Options.Create(new TeamsOptions { AppId = "00000000-0000-0000-0000-000000000001" }));

        var result = await check.CheckHealthAsync(new HealthCheckContext { Registration = new HealthCheckRegistration("credentials", check, null, null) });

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("Teams:AppPassword", result.Description, StringComparison.Ordinal);
    }
}
