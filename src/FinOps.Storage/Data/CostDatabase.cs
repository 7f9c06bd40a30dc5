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

            await using var context = CreateContext();
            await using var connection = await SqliteFiles.PrepareAsync(context, DatabasePath, ConnectionString, cancellationToken);
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
