using FinOps.Core.Reliability;
using FinOps.Storage;
using FinOps.Storage.Queue;
using FinOps.Storage.Reliability;
using Microsoft.Extensions.Options;

namespace FinOps.Testing;

/// <summary>
/// The queue's SQLite files in a temp folder. Each <see cref="Open"/> is one process's view (its own
/// <see cref="QueueDatabase"/>, connections and stores) over the same files, so opening again is a restart.
/// </summary>
public sealed class SqliteQueueFiles : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("finops-queue-").FullName;
    private readonly List<QueueDatabase> _opened = [];

    public (IWorkQueue Outbox, IIdempotencyStore Idempotency) Open(TimeProvider timeProvider)
    {
        var database = new QueueDatabase(
            Options.Create(new StorageOptions { DatabasePath = Path.Combine(_directory, "finops.db"), QueueDatabasePath = Path.Combine(_directory, "queue.db") }),
            timeProvider);
        _opened.Add(database);
        return (new EfWorkQueue(database, timeProvider), new EfIdempotencyStore(database, timeProvider));
    }

    public void Dispose()
    {
        foreach (var database in _opened)
        {
            database.Dispose();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
