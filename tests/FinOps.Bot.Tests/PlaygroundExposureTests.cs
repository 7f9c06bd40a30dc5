using System.Collections.Concurrent;
using System.Net;
using FinOps.Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FinOps.Bot.Tests;

/// <summary>The playground is on only when asked for (Development environment or Playground:Enabled), and never through a proxy.</summary>
public sealed class PlaygroundExposureTests
{
    private static BotFactory Factory(string environment, string? enabled = null)
    {
        var factory = new BotFactory { Environment = environment };
        factory.Settings["Demo:SeedOnFirstRun"] = "false";
        if (enabled is not null)
        {
            factory.Settings["Playground:Enabled"] = enabled;
        }

        return factory;
    }

    [Theory]
    [InlineData("/playground/index.html")]
    [InlineData("/playground/api/setup")]
    [InlineData("/")]
    public async Task Playground_ProductionWithoutSetting_NotFound(string path)
    {
        await using var factory = Factory(Environments.Production);
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        using var ask = await PlaygroundClient.AskAsync(client, PlaygroundClient.FinOpsLead, "help");
        using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, ask.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Playground_ProductionWithEnabledSetting_Served()
    {
        await using var factory = Factory(Environments.Production, enabled: "true");
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/playground/api/setup", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Playground_DevelopmentEnvironment_Served()
    {
        await using var factory = Factory(Environments.Development);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/playground/api/setup", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Playground_DevelopmentEnvironmentEnabledFalse_NotFound()
    {
        await using var factory = Factory(Environments.Development, enabled: "false");
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/playground/api/setup", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.7")]
    [InlineData("X-Forwarded-For", "127.0.0.1")]
    [InlineData("Forwarded", "for=127.0.0.1")]
    [InlineData("X-Real-IP", "127.0.0.1")]
    public async Task Playground_LoopbackRequestWithForwardingHeader_NotFound(string header, string value)
    {
        await using var factory = Factory(Environments.Development);
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/playground/api/setup", UriKind.Relative));
        request.Headers.TryAddWithoutValidation(header, value);

        using var forwarded = await client.SendAsync(request);
        using var direct = await client.GetAsync(new Uri("/playground/api/setup", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, forwarded.StatusCode);
        Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
    }

    [Fact]
    public async Task Playground_ForwardedHeadersEnabledTunnelForwardsLoopback_NotFound()
    {
        // ASPNETCORE_FORWARDEDHEADERS_ENABLED=true: the middleware believes any proxy, so a tunnel on this machine that
        // forwards "127.0.0.1" makes RemoteIpAddress loopback; the X-Original-For it leaves behind still gives it away.
        await using var factory = Factory(Environments.Development);
        factory.Settings["ForwardedHeaders_Enabled"] = "true";
        var baseAddress = factory.StartOnLoopbackPort();
        using var client = new HttpClient { BaseAddress = baseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("playground/api/setup", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "127.0.0.1");

        using var forwarded = await client.SendAsync(request);
        using var direct = await client.GetAsync(new Uri("playground/api/setup", UriKind.Relative));

        // The setting really switched the middleware on (otherwise the raw X-Forwarded-For alone would explain the 404).
        Assert.Contains(factory.Services.GetServices<Microsoft.AspNetCore.Hosting.IStartupFilter>(), f => f.GetType().Name == "ForwardedHeadersStartupFilter");
        Assert.Equal(HttpStatusCode.NotFound, forwarded.StatusCode);
        Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
    }

    [Theory]
    [InlineData("Development", null, "Playground is on (Development environment)")]
    [InlineData("Production", "true", "Playground is on (Playground:Enabled)")]
    [InlineData("Production", null, "Playground is off (Production environment)")]
    [InlineData("Development", "false", "Playground is off (Playground:Enabled is false)")]
    public async Task Banner_PlaygroundSwitch_SaysWhetherOnAndWhy(string environment, string? enabled, string expected)
    {
        var logs = new CapturingLoggerProvider();
        await using var factory = Factory(environment, enabled);
        factory.Settings["Logging:LogLevel:FinOps.Bot"] = "Information";
        factory.ConfigureTestServices = services => services.AddSingleton<ILoggerProvider>(logs);

        using var client = factory.CreateClient();
        await logs.WaitForBannerAsync();

        Assert.Contains(logs.Messages, m => m.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Development", null, "Teams development mode is on (Development environment)")]
    [InlineData("Production", "true", "Teams development mode is on (Teams:DevelopmentMode)")]
    public async Task Banner_TeamsDevelopmentMode_SaysOnAndWhy(string environment, string? developmentMode, string expected)
    {
        var logs = new CapturingLoggerProvider();
        await using var factory = Factory(environment);
        factory.Settings["Teams:DevelopmentMode"] = developmentMode;
        factory.Settings["Logging:LogLevel:FinOps.Bot"] = "Information";
        factory.ConfigureTestServices = services => services.AddSingleton<ILoggerProvider>(logs);

        using var client = factory.CreateClient();
        await logs.WaitForBannerAsync();

        Assert.Contains(logs.Messages, m => m.StartsWith(expected, StringComparison.Ordinal) && m.Contains("http://localhost:56150", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Banner_ProductionNoSettings_NoTeamsDevelopmentMode()
    {
        var logs = new CapturingLoggerProvider();
        await using var factory = Factory(Environments.Production);
        factory.Settings["Logging:LogLevel:FinOps.Bot"] = "Information";
        factory.ConfigureTestServices = services => services.AddSingleton<ILoggerProvider>(logs);

        using var client = factory.CreateClient();
        await logs.WaitForBannerAsync();

        Assert.Contains(logs.Messages, m => m.StartsWith("Playground is off", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Messages, m => m.Contains("development mode is on", StringComparison.OrdinalIgnoreCase));
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly SemaphoreSlim _logged = new(0);

        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Capturing(this);

        /// <summary>
        /// The banner is printed from an ApplicationStarted callback, which may still be running when the factory hands
        /// out its client; its last line is the example questions.
        /// </summary>
        public async Task WaitForBannerAsync()
        {
            using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (!Messages.Any(m => m.StartsWith("Try asking", StringComparison.Ordinal)))
            {
                await _logged.WaitAsync(guard.Token);
            }
        }

        // The host's logger factory disposes its providers while late messages may still arrive; the semaphore holds no wait handle.
        public void Dispose()
        {
        }

        private sealed class Capturing(CapturingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                owner.Messages.Enqueue(formatter(state, exception));
                owner._logged.Release();
            }
        }
    }
}
