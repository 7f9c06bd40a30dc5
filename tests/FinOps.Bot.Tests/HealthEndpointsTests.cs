using System.Net;
using FinOps.Bot.Tests.Infrastructure;
using FinOps.Core.Focus;
using FinOps.Core.Ingestion;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Bot.Tests;

public sealed class HealthEndpointsTests
{
    [Fact]
    public async Task Healthz_Always_ReturnsLive()
    {
        await using var factory = new BotFactory();
        factory.Settings["Demo:SeedOnFirstRun"] = "false";
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("live", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_WhileSeeding_ServiceUnavailableThenOkOnceSeeded()
    {
        using var gate = new ManualResetEventSlim();
        await using var factory = new BotFactory
        {
            ConfigureTestServices = s => s.AddSingleton<IFocusFileReader>(new GatedReader(new FocusFileReader(), gate)),
        };
        using var client = factory.CreateClient();

        using var starting = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        var startingBody = await starting.Content.ReadAsStringAsync();
        gate.Set();
        await factory.WaitUntilReadyAsync();
        using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, starting.StatusCode);
        Assert.Contains("\"status\":\"starting\"", startingBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.True(File.Exists(factory.DatabasePath), "the store lives in the factory's temporary file");
        Assert.False(File.Exists(Path.Combine(AppContext.BaseDirectory, "finops.db")), "nothing is written next to the tests");
    }

    /// <summary>Holds the demo import until the test lets it go, so the not-ready state can be observed.</summary>
    private sealed class GatedReader(IFocusFileReader inner, ManualResetEventSlim gate) : IFocusFileReader
    {
        public IEnumerable<FocusRecord> Read(string path, CancellationToken cancellationToken)
        {
            gate.Wait(TimeSpan.FromSeconds(30), cancellationToken);
            return inner.Read(path, cancellationToken);
        }
    }
}
