using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FinOps.Storage.Data;

/// <summary>The SQLite database of the store: creates it and applies migrations once, hands out contexts and connections.</summary>
public sealed class CostDatabase : IDisposable
{
    private readonly SemaphoreSlim _ready = new(1, 1);
    private readonly DbContextOptions<CostDbContext> _contextOptions;
    private bool _migrated;

    public CostDatabase(IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = Path.GetFullPath(options.Value.DatabasePath);
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        _contextOptions = new DbContextOptionsBuilder<CostDbContext>().UseSqlite(ConnectionString).Options;
        DatabasePath = path;
        ImportLockTimeout = options.Value.ImportLockTimeout;
    }

    /// <summary>How long an import waits for the write lock held by another import.</summary>
    public TimeSpan ImportLockTimeout { get; }

    public string DatabasePath { get; }

    public string ConnectionString { get; }

    public CostDbContext CreateContext() => new(_contextOptions);

    /// <summary>
    /// Creates the file and applies pending migrations, once per process; switches the journal to WAL and
    /// converts the row facts of a store made before fact segments (<see cref="LegacyRowFacts"/>).
    /// </summary>
    public async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _migrated))
        {
            return;
        }

        await _ready.WaitAsync(cancellationToken);
        try
        {
            if (_migrated)
            {
                return;
            }

            var folder = Path.GetDirectoryName(DatabasePath);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            await using (var context = CreateContext())
            {
                // Migrating takes the write lock, which an import in another process may hold for minutes: only
                // when something is pending, so that a bot starting during an import answers from what is committed.
                // Not cancellable: a migration stopped half-way (SIGTERM) leaves EF Core's __EFMigrationsLock row behind and the
                // next start waits on it forever. Migrations are short; letting one finish loses nothing.
                if ((await context.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
                {
                    await context.Database.MigrateAsync(CancellationToken.None);
                }
            }

            // WAL is a property of the file: set once, it lets readers (queries) run during an import.
            await using var connection = new SqliteConnection(ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;";
            await command.ExecuteNonQueryAsync(cancellationToken);
            LegacyRowFacts.Convert(connection);
            Volatile.Write(ref _migrated, true);
        }
        finally
        {
            _ready.Release();
        }
    }

    /// <summary>An open connection with synchronous=NORMAL (safe with WAL, far fewer fsyncs).</summary>
    public async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken);
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL;";
        await command.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    public void Dispose() => _ready.Dispose();
}
