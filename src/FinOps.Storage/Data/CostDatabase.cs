using FinOps.Storage.PostgreSql;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FinOps.Storage.Data;

/// <summary>The store's database (a SQLite file, or PostgreSQL): creates it and applies migrations once, hands out contexts and connections.</summary>
public sealed class CostDatabase : IDisposable
{
    private readonly SemaphoreSlim _ready = new(1, 1);
    private readonly Func<CostDbContext> _createContext;
    private readonly bool _migrateOnStart;
    private readonly string _databasePath;
    private bool _migrated;

    public CostDatabase(IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Provider = options.Value.Provider;
        ImportLockTimeout = options.Value.ImportLockTimeout;
        _migrateOnStart = options.Value.MigrateOnStart;
        if (Provider == StorageProvider.PostgreSql)
        {
            ConnectionString = options.Value.ConnectionString ?? string.Empty;
            _databasePath = string.Empty;
            Description = PostgreSqlConnection.Describe(ConnectionString);
            var pgOptions = PostgreSqlContexts.CostOptions(ConnectionString);
            _createContext = () => new PgCostDbContext(pgOptions);
            return;
        }

        var path = Path.GetFullPath(options.Value.DatabasePath);
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        var contextOptions = new DbContextOptionsBuilder<CostDbContext>().UseSqlite(ConnectionString).Options;
        _createContext = () => new CostDbContext(contextOptions);
        _databasePath = path;
        Description = path;
    }

    /// <summary>Which database this is (<c>Storage:Provider</c>).</summary>
    public StorageProvider Provider { get; }

    /// <summary>The store for logs and messages: the SQLite file's path, or PostgreSQL's server and database (never a password).</summary>
    public string Description { get; }

    /// <summary>How long an import waits for the write lock held by another import.</summary>
    public TimeSpan ImportLockTimeout { get; }

    /// <summary>What the paths that still need SQLite say on PostgreSQL.</summary>
    public const string CostFactsNeedSqlite =
        "Cost facts (FOCUS import and history, cost questions, sync, files kept next to the store) are not stored on PostgreSQL yet; " +
        "Storage:Provider=PostgreSql holds budgets, approvals, anomaly state, queues, channel records and Data Protection keys. " +
        "Use Storage:Provider=Sqlite to import and answer cost questions.";

    /// <summary>The SQLite file.</summary>
    /// <exception cref="NotSupportedException">On PostgreSQL: what asks for the file is a path that has no PostgreSQL version yet.</exception>
    public string DatabasePath => Provider == StorageProvider.PostgreSql ? throw new NotSupportedException(CostFactsNeedSqlite) : _databasePath;

    public string ConnectionString { get; }

    public CostDbContext CreateContext() => _createContext();

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
            if (Provider == StorageProvider.PostgreSql)
            {
                await StoreMigrations.PrepareAsync(context, _migrateOnStart, Description, cancellationToken);
                Volatile.Write(ref _migrated, true);
                return;
            }

            await using var connection = await SqliteFiles.PrepareAsync(context, DatabasePath, ConnectionString, _migrateOnStart, cancellationToken);
            LegacyRowFacts.Convert(connection);
            Volatile.Write(ref _migrated, true);
        }
        finally
        {
            _ready.Release();
        }
    }

    /// <summary>Applies every pending migration whatever <c>Storage:MigrateOnStart</c> says, then the start-up steps; the names applied.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> applied;
        await using (var context = CreateContext())
        {
            if (Provider == StorageProvider.Sqlite)
            {
                SqliteFiles.CreateFolder(DatabasePath);
            }

            applied = await StoreMigrations.ApplyAsync(context, cancellationToken);
        }

        await EnsureReadyAsync(cancellationToken);
        return applied;
    }

    /// <summary>An open connection with synchronous=NORMAL (safe with WAL, far fewer fsyncs).</summary>
    /// <exception cref="NotSupportedException">On PostgreSQL: the cost facts' raw SQLite paths (import, snapshot load) have no PostgreSQL version yet.</exception>
    public async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        if (Provider == StorageProvider.PostgreSql)
        {
            throw new NotSupportedException(CostFactsNeedSqlite);
        }

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
