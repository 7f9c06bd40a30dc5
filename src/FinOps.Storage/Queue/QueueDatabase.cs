using FinOps.Storage.Data;
using FinOps.Storage.PostgreSql;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FinOps.Storage.Queue;

/// <summary>
/// The SQLite file of the work queues (<see cref="StorageOptions.EffectiveQueueDatabasePath"/>): creates it, applies its
/// migrations and takes over the queue rows a cost store of an earlier version held, once per process; hands out contexts.
/// </summary>
public sealed class QueueDatabase : IDisposable
{
    // Microsoft.Data.Sqlite retries a busy or locked file for the command timeout: the queue's writes are tiny, so a
    // writer waits for another process's write of a few milliseconds instead of failing at once.
    private const int BusyTimeoutSeconds = 30;

    private readonly SemaphoreSlim _ready = new(1, 1);
    private readonly Func<QueueDbContext> _createContext;
    private readonly TimeProvider _timeProvider;
    private readonly bool _migrateOnStart;
    private bool _migrated;

    public QueueDatabase(IOptions<StorageOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
        _migrateOnStart = options.Value.MigrateOnStart;
        Provider = options.Value.Provider;
        if (Provider == StorageProvider.PostgreSql)
        {
            // One database for everything: the queue tables live in schema 'queue' of the cost store's database.
            ConnectionString = options.Value.ConnectionString ?? string.Empty;
            DatabasePath = CostDatabasePath = string.Empty;
            Description = PostgreSqlConnection.Describe(ConnectionString) + $", schema '{PgQueueDbContext.Schema}'";
            var pgOptions = PostgreSqlContexts.QueueOptions(ConnectionString);
            _createContext = () => new PgQueueDbContext(pgOptions);
            return;
        }

        DatabasePath = Path.GetFullPath(options.Value.EffectiveQueueDatabasePath);
        CostDatabasePath = Path.GetFullPath(options.Value.DatabasePath);
        if (string.Equals(DatabasePath, CostDatabasePath, StringComparison.Ordinal))
        {
            throw new OptionsValidationException(
                StorageOptions.SectionName,
                typeof(StorageOptions),
                [$"Storage:QueueDatabasePath must not be the cost store's file ({DatabasePath}): imports would hold up inbound work."]);
        }

        ConnectionString = new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = true, DefaultTimeout = BusyTimeoutSeconds }.ToString();
        var contextOptions = new DbContextOptionsBuilder<QueueDbContext>().UseSqlite(ConnectionString).Options;
        _createContext = () => new QueueDbContext(contextOptions);
        Description = DatabasePath;
    }

    /// <summary>Which database this is (<c>Storage:Provider</c>).</summary>
    public StorageProvider Provider { get; }

    /// <summary>The queue store for logs and messages (never a password).</summary>
    public string Description { get; }

    /// <summary>The SQLite file; empty on PostgreSQL.</summary>
    public string DatabasePath { get; }

    /// <summary>The cost store whose older versions kept the queue tables; read once to take over what they held.</summary>
    public string CostDatabasePath { get; }

    public string ConnectionString { get; }

    public QueueDbContext CreateContext() => _createContext();

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

    /// <summary>Creates the file and applies pending migrations, switches the journal to WAL and moves the legacy queue rows, once per process.</summary>
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
                // Nothing to take over: queue rows in the cost store were a SQLite-only layout of earlier versions.
                await StoreMigrations.PrepareAsync(context, _migrateOnStart, Description, cancellationToken);
                Volatile.Write(ref _migrated, true);
                return;
            }

            await using var connection = await SqliteFiles.PrepareAsync(context, DatabasePath, ConnectionString, _migrateOnStart, cancellationToken);
            await LegacyQueueRows.MoveAsync(connection, CostDatabasePath, _timeProvider.GetUtcNow(), cancellationToken);
            Volatile.Write(ref _migrated, true);
        }
        finally
        {
            _ready.Release();
        }
    }

    public void Dispose() => _ready.Dispose();
}
