using FinOps.Bot.Hosting;
using FinOps.Core.UnitEconomics;
using FinOps.Storage;
using FinOps.Storage.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Bot.Tests.Hosting;

public sealed class MetricsFolderServiceTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "finops-metrics-host-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider _services;

    public MetricsFolderServiceTests()
    {
        Directory.CreateDirectory(_folder);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DatabasePath"] = Path.Combine(_folder, "finops.db") })
            .Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<TimeProvider>(_time);
        services.AddStorage(configuration);
        services.AddBusinessMetrics(configuration);
        services.AddSingleton<MetricsFolderService>();
        _services = services.BuildServiceProvider();
    }

    public void Dispose()
    {
        _services.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task StartAsync_CsvInDefaultFolder_ImportsItAndLaterPicksUpANewFile()
    {
        var watched = Path.Combine(_folder, "metrics");
        Directory.CreateDirectory(watched);
        await File.WriteAllTextAsync(Path.Combine(watched, "orders.csv"), "date,metric,value\n2026-11-01,orders,100\n");
        var service = _services.GetRequiredService<MetricsFolderService>();
        var metrics = _services.GetRequiredService<IBusinessMetrics>();

        await service.StartAsync(CancellationToken.None);
        var atStart = await metrics.GetSeriesAsync(CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(watched, "payments.csv"), "date,metric,team,value\n2026-11-01,transactions,payments,120\n");
        var picked = await WaitForSeriesAsync(metrics, 2, _services.GetRequiredService<Microsoft.Extensions.Options.IOptions<BusinessMetricsOptions>>().Value.PollInterval);
        await service.StopAsync(CancellationToken.None);

        Assert.Equal("orders", Assert.Single(atStart).Metric);
        Assert.Equal(["orders/", "transactions/payments"], picked.Select(s => s.Metric + "/" + s.Team));
    }

    /// <summary>
    /// The poll runs on the timer's thread, and ExecuteAsync (which creates the timer) runs as its own task since .NET 10:
    /// advance one poll interval at a time and wait (bounded) until the file is stored.
    /// </summary>
    private async Task<IReadOnlyList<BusinessMetricSeries>> WaitForSeriesAsync(IBusinessMetrics metrics, int count, TimeSpan pollInterval)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var series = await metrics.GetSeriesAsync(CancellationToken.None);
            if (series.Count >= count)
            {
                return series;
            }

            _time.Advance(pollInterval);
            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
        }
    }
}
