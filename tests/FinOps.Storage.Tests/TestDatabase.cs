using FinOps.Storage.Data;
using FinOps.Storage.Queue;
using FinOps.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FinOps.Storage.Tests;

/// <summary>
/// A SQLite file in its own temp folder, deleted with the folder when the test ends; or, with <see cref="StorageProvider.PostgreSql"/>,
/// a fresh database of the test process's throwaway cluster (<see cref="PostgreSqlCluster"/>), dropped when the test ends.
/// </summary>
internal sealed class TestDatabase : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "finops-store-tests", Guid.NewGuid().ToString("N"));

    /// <summary>A PostgreSQL database with both parts migrated, copied for each test (migrating the whole model takes a second or two).</summary>
    private static readonly Lazy<string> MigratedTemplate = new(() =>
    {
        var connectionString = PostgreSqlCluster.Shared.CreateDatabase();
        var options = Microsoft.Extensions.Options.Options.Create(
            new StorageOptions { Provider = StorageProvider.PostgreSql, ConnectionString = connectionString });
        using var costs = new CostDatabase(options);
        using var queues = new QueueDatabase(options, TimeProvider.System);
        new StoreMigrator(costs, queues).MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
        return connectionString;
    });

    public TestDatabase(TimeSpan? importLockTimeout = null, StorageProvider provider = StorageProvider.Sqlite)
    {
        Directory.CreateDirectory(_folder);
        var options = new StorageOptions { DatabasePath = Path.Combine(_folder, "db", "finops.db") };
        if (provider == StorageProvider.PostgreSql)
        {
            options.Provider = StorageProvider.PostgreSql;
            options.ConnectionString = PostgreSqlCluster.Shared.CreateDatabase(MigratedTemplate.Value);
        }

        options.ImportLockTimeout = importLockTimeout ?? options.ImportLockTimeout;
        Options = Microsoft.Extensions.Options.Options.Create(options);
        Database = new CostDatabase(Options);
        Queue = new QueueDatabase(Options, TimeProvider.System);
    }

    public string Folder => _folder;

    public IOptions<StorageOptions> Options { get; }

    public CostDatabase Database { get; }

    /// <summary>The queue file next to <see cref="Database"/>, as AddStorage places it.</summary>
    public QueueDatabase Queue { get; }

    /// <summary>Runs a raw statement on the cost store through EF Core, on either provider (quote names: "Table"."Column").</summary>
    public async Task<int> ExecuteAsync(string sql)
    {
        await Database.EnsureReadyAsync(CancellationToken.None);
        await using var context = Database.CreateContext();
        return await context.Database.ExecuteSqlRawAsync(sql);
    }

    /// <summary>Writes a file with the given content (its bytes decide the import hash) and returns its path.</summary>
    public string File(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        Database.Dispose();
        Queue.Dispose();
        SqliteConnection.ClearAllPools();
        if (Options.Value.Provider == StorageProvider.PostgreSql)
        {
            PostgreSqlCluster.Shared.DropDatabase(Options.Value.ConnectionString!);
        }

        Directory.Delete(_folder, recursive: true);
    }
}
