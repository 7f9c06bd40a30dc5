using FinOps.Core.Ingestion;
using FinOps.Core.Query;
using FinOps.Storage.Allocation;
using FinOps.Storage.Costs;
using FinOps.Storage.Import;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Storage.Tests.Allocation;

/// <summary>The real storage and allocation services (AddStorage + AddAllocation) over a temp folder.</summary>
internal sealed class AllocationHost : IDisposable
{
    private readonly ServiceProvider _provider;

    public AllocationHost(IFocusFileReader reader, string? rulesPath = null)
    {
        Folder = Path.Combine(Path.GetTempPath(), "finops-alloc-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        var settings = new Dictionary<string, string?> { ["Storage:DatabasePath"] = Path.Combine(Folder, "finops.db") };
        if (rulesPath is not null)
        {
            settings["Allocation:RulesPath"] = rulesPath;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddSingleton<TimeProvider>(Time)
            .AddSingleton(reader);
        services.AddStorage(configuration);
        services.AddAllocation(configuration);
        _provider = services.BuildServiceProvider();
    }

    public string Folder { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    /// <summary>The default rules file location: next to the database.</summary>
    public string RulesPath => Path.Combine(Folder, "allocation.yaml");

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    public Task<ImportReport> ImportAsync(params string[] files) => Get<CostImporter>().ImportAsync(files, CancellationToken.None);

    public async Task<Dictionary<string, decimal>> TeamsAsync(DateRange period, string currency = "USD", CostMetric metric = CostMetric.EffectiveCost)
    {
        var result = await Get<SqliteCostStore>().QueryAsync(new CostQuery { Period = period, Metric = metric, GroupBy = [Dimension.Team] }, CancellationToken.None);
        var c = result.ByCurrency.FirstOrDefault(r => r.Currency == currency);
        return c is null ? [] : c.Rows.ToDictionary(r => r.Key[0], r => r.Value, StringComparer.Ordinal);
    }

    public void Dispose()
    {
        _provider.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
