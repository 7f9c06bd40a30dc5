using System.Security.Cryptography;
using FinOps.Bot.Hosting;
using FinOps.Storage;
using FinOps.Storage.Data;
using FinOps.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FinOps.Bot.Tests.Hosting;

/// <summary>
/// Data Protection keys in the store: two hosts (two service providers, as two replicas) on one database read each other's
/// protected data, and keys an earlier version kept in the home folder are copied in once so old tokens still decrypt.
/// </summary>
/// <remarks>On SQLite; <see cref="DataProtectionKeysPostgreSqlTests"/> runs the same tests on PostgreSQL.</remarks>
public class DataProtectionKeysTests : IDisposable
{
    private const string Application = "finops-bot-tests";
    private const string Purpose = "FinOps.Slack.Installation";
    private readonly string _folder = Directory.CreateTempSubdirectory("finops-keys-").FullName;
    private readonly StorageOptions _storage;
    private readonly List<ServiceProvider> _hosts = [];
    private readonly string _secret = "xoxb-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public DataProtectionKeysTests()
        : this(StorageProvider.Sqlite)
    {
    }

    protected DataProtectionKeysTests(StorageProvider provider) => _storage = provider == StorageProvider.PostgreSql
        ? new StorageOptions { Provider = provider, ConnectionString = PostgreSqlCluster.Shared.CreateDatabase() }
        : new StorageOptions { DatabasePath = Path.Combine(_folder, "finops.db") };

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        if (_storage.Provider == StorageProvider.PostgreSql)
        {
            PostgreSqlCluster.Shared.DropDatabase(_storage.ConnectionString!);
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Unprotect_TwoHostsOnOneDatabase_EachReadsTheOthersData_KeysInTheStore()
    {
        var first = Protector(Host(emptyLegacyFolder: true));
        var second = Protector(Host(emptyLegacyFolder: true));

        var fromFirst = first.Protect(_secret);
        var fromSecond = second.Protect(_secret + "-2");

        Assert.Equal(_secret, second.Unprotect(fromFirst));
        Assert.Equal(_secret + "-2", first.Unprotect(fromSecond));
        using var database = new CostDatabase(Microsoft.Extensions.Options.Options.Create(_storage));
        await using var context = database.CreateContext();
        var key = Assert.Single(await context.DataProtectionKeys.ToListAsync());
        Assert.StartsWith("key-", key.FriendlyName, StringComparison.Ordinal);
        Assert.DoesNotContain(_secret, key.Xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unprotect_DataProtectedWithHomeFolderKeys_ReadableAfterKeysCopiedInOnce()
    {
        var legacy = Path.Combine(_folder, "home-keys");
        var before = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddDataProtection().SetApplicationName(Application).PersistKeysToFileSystem(new DirectoryInfo(legacy)).Services
            .BuildServiceProvider();
        _hosts.Add(before);
        var token = Protector(before).Protect(_secret);
        var files = Directory.GetFiles(legacy, "key-*.xml");

        var now = Protector(Host(legacyFolder: legacy));
        Assert.Equal(_secret, now.Unprotect(token));
        var again = Protector(Host(legacyFolder: legacy));
        Assert.Equal(_secret, again.Unprotect(token));

        using var database = new CostDatabase(Microsoft.Extensions.Options.Options.Create(_storage));
        await using var context = database.CreateContext();
        var stored = await context.DataProtectionKeys.ToListAsync();
        Assert.Equal(files.Select(Path.GetFileNameWithoutExtension).Order(), stored.Select(k => k.FriendlyName).Order());
        Assert.True(File.Exists(files[0]), "the home folder's key files stay where they were");
    }

    private static IDataProtector Protector(ServiceProvider host) =>
        host.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);

    /// <summary>One replica: its own service provider over the test's database.</summary>
    private ServiceProvider Host(bool emptyLegacyFolder = false, string? legacyFolder = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = _storage.Provider.ToString(),
            ["Storage:ConnectionString"] = _storage.ConnectionString,
            ["Storage:DatabasePath"] = _storage.DatabasePath,
            // Never the real home folder: a test must not depend on (or read) the keys of whoever runs it.
            ["Storage:LegacyKeysFolder"] = emptyLegacyFolder ? Path.Combine(_folder, "no-legacy-keys") : legacyFolder,
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance).AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddStorage(configuration);
        services.AddDataProtection().SetApplicationName(Application).PersistKeysToStore();
        var host = services.BuildServiceProvider();
        _hosts.Add(host);
        return host;
    }
}
