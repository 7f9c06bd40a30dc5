using System.Net;
using FinOps.Bot.Hosting;
using FinOps.Slack;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Bot.Tests.Infrastructure;

/// <summary>
/// The real host (Program) over a temporary SQLite file seeded with a small demo data set, with the clock fixed
/// at <see cref="Now"/> so "last month" always means the same days. The file is deleted on dispose.
/// </summary>
public class BotFactory : WebApplicationFactory<Program>
{
    /// <summary>The fixed "now" of every test host: the demo data ends the day before.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 4, 9, 30, 0, TimeSpan.Zero);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "finops-bot-tests-" + Guid.NewGuid().ToString("N"));

    public BotFactory()
    {
        Directory.CreateDirectory(_directory);
        Settings["Storage:DatabasePath"] = DatabasePath;
        Settings["Demo:Rows"] = "20000";
        Settings["Logging:LogLevel:Default"] = "Warning";
    }

    public FakeTimeProvider Time { get; } = new(Now);

    public string DatabasePath => Path.Combine(_directory, "finops.db");

    /// <summary>Configuration applied to the host; change before the first request.</summary>
    public Dictionary<string, string?> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The client address every request appears to come from (the test server has none of its own); null keeps the real one.</summary>
    public IPAddress? RemoteAddress { get; set; } = IPAddress.Loopback;

    /// <summary>The host environment; Development (as <c>dotnet run</c>) switches the playground and Teams development mode on.</summary>
    public string Environment { get; set; } = Environments.Development;

    /// <summary>Extra service registrations, applied after the host's own.</summary>
    public Action<IServiceCollection>? ConfigureTestServices { get; set; }

    /// <summary>Serves on a real Kestrel port on 127.0.0.1 (for browsers and SSE) and returns its base address.</summary>
    public Uri StartOnLoopbackPort()
    {
        RemoteAddress = null;
        UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new Uri(address.TrimEnd('/') + "/");
    }

    /// <summary>Completes once the store is migrated and seeded (the same moment /readyz turns 200).</summary>
    public Task WaitUntilReadyAsync()
    {
        var initializer = Services.GetRequiredService<StoreInitializer>();
        return (initializer.ExecuteTask ?? Task.CompletedTask).WaitAsync(TimeSpan.FromSeconds(30));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment(Environment);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            // Retry back-off waits on real time: the fake clock never moves on its own.
            services.AddKeyedSingleton(SlackServiceCollectionExtensions.ResilienceTimeProviderKey, TimeProvider.System);
            services.AddSingleton<IStartupFilter>(new RemoteAddressStartupFilter(() => RemoteAddress));
            ConfigureTestServices?.Invoke(services);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still open by a background thread; the temp folder is cleaned by the OS eventually.
            }
        }
    }
}
