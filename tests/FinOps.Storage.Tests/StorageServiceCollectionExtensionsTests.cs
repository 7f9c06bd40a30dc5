using FinOps.Core.Focus;
using FinOps.Core.Ingestion;
using FinOps.Core.Query;
using FinOps.Core.Reliability;
using FinOps.Storage.Import;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FinOps.Storage.Tests;

public sealed class StorageServiceCollectionExtensionsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "finops-store-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task AddStorage_ConfiguredPath_ResolvesServicesOnThatFile()
    {
        var path = Path.Combine(_folder, "bot.db");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DatabasePath"] = path })
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddSingleton<IFocusFileReader, EmptyReader>();

        services.AddStorage(configuration);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.True(await provider.GetRequiredService<IWorkQueue>().EnqueueAsync("slack", "k", "{}", CancellationToken.None));
        Assert.NotNull(provider.GetRequiredService<IIdempotencyStore>());
        Assert.NotNull(provider.GetRequiredService<CostImporter>());
        Assert.Null(await provider.GetRequiredService<ICostQueryService>().GetCoverageAsync(CancellationToken.None));
        Assert.True(File.Exists(path));
    }

    private sealed class EmptyReader : IFocusFileReader
    {
        public IEnumerable<FocusRecord> Read(string path, CancellationToken cancellationToken) => [];
    }
}
