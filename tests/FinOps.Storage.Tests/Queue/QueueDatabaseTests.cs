using FinOps.Storage.Channels;
using FinOps.Storage.Data;
using FinOps.Storage.Queue;
using FinOps.Storage.Reliability;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Storage.Tests.Queue;

/// <summary>The queue file: apart from the cost store, so a held cost store write lock never holds up storing work.</summary>
public sealed class QueueDatabaseTests : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);
    private readonly TestDatabase _db = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _db.Dispose();

    [Fact]
    public void QueueDatabasePath_Unset_NextToCostStoreWithQueueExtension()
    {
        Assert.Equal(
            Path.Combine(Path.GetDirectoryName(_db.Database.DatabasePath)!, "finops.queue.db"),
            _db.Queue.DatabasePath);
        Assert.Equal(_db.Database.DatabasePath, _db.Queue.CostDatabasePath);
    }

    [Fact]
    public void Constructor_QueuePathIsTheCostStore_Throws()
    {
        var options = Options.Create(new StorageOptions { DatabasePath = _db.Database.DatabasePath, QueueDatabasePath = _db.Database.DatabasePath });

        var e = Assert.Throws<OptionsValidationException>(() => new QueueDatabase(options, _time));

        Assert.Contains("QueueDatabasePath", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureReadyAsync_EmptyFolder_CreatesFileAllMigrationsWal()
    {
        await _db.Queue.EnsureReadyAsync(CancellationToken.None);

        Assert.True(File.Exists(_db.Queue.DatabasePath));
        await using (var context = _db.Queue.CreateContext())
        {
            Assert.Empty(await context.Database.GetPendingMigrationsAsync());
            Assert.False(context.Database.HasPendingModelChanges());
        }

        await using var connection = new SqliteConnection(_db.Queue.ConnectionString);
        await connection.OpenAsync();
        await using var journal = connection.CreateCommand();
        journal.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await journal.ExecuteScalarAsync());
    }

    [Fact]
    public async Task EnqueueAsync_CostStoreWriteLockHeld_StoresWhileLockIsHeld()
    {
        await _db.Database.EnsureReadyAsync(CancellationToken.None);
        await using var importer = await HoldWriteLockAsync(_db.Database.ConnectionString);
        var outbox = new EfWorkQueue(_db.Queue, _time);

        // Guarded, not timed: before the queue file existed this waited for the lock (30 s busy timeout, then failed).
        var stored = await outbox.EnqueueAsync("slack-inbound", "event:T1:Ev1", "{}", CancellationToken.None).WaitAsync(Guard);

        Assert.True(stored);
        Assert.True(IsLockHeld(_db.Database.ConnectionString), "the import still holds the cost store's write lock");
        Assert.Single(await outbox.GetDueAsync("slack-inbound", 10, CancellationToken.None));
    }

    [Fact]
    public async Task UpsertAsync_CostStoreWriteLockHeld_ChannelRecordSavedWhileLockIsHeld()
    {
        await _db.Database.EnsureReadyAsync(CancellationToken.None);
        await using var importer = await HoldWriteLockAsync(_db.Database.ConnectionString);
        var records = new ChannelRecordStore(_db.Queue, _time);

        // Teams saves the conversation reference of every inbound activity: that must not wait for an import either.
        await records.UpsertAsync("teams.reference", "conv-1", "{}", CancellationToken.None).WaitAsync(Guard);

        Assert.True(IsLockHeld(_db.Database.ConnectionString), "the import still holds the cost store's write lock");
        Assert.Equal("{}", await records.GetAsync("teams.reference", "conv-1", CancellationToken.None));
    }

    [Fact]
    public async Task EnsureReadyAsync_LegacyRowsInCostStore_MovedOnceWithState()
    {
        await _db.Database.EnsureReadyAsync(CancellationToken.None);
        var at = _time.GetUtcNow();
        await using (var cost = _db.Database.CreateContext())
        {
            cost.OutboxMessages.AddRange(
                new OutboxEntity { Channel = "slack-inbound", IdempotencyKey = "slack-inbound:event:T1:Ev1", Payload = "{\"a\":1}", Status = "pending", Attempts = 2, LastError = "ratelimited", NextAttemptAt = at, CreatedAt = at },
                new OutboxEntity { Channel = "slack", IdempotencyKey = "digest:w1", Payload = "{}", Status = "sent", Result = "ts-1", NextAttemptAt = at, CreatedAt = at });
            cost.IdempotencyKeys.AddRange(
                new IdempotencyKeyEntity { Scope = "slack.message", Key = "T1:C1:1.1", State = "completed", Result = "ts-9", CompletedAt = at },
                new IdempotencyKeyEntity { Scope = "slack.event", Key = "Ev2", State = "claimed", LeaseUntil = at.AddMinutes(2) });
            cost.ChannelRecords.Add(new ChannelRecordEntity { Kind = "slack.installation", Key = "T1", Json = "{\"team\":\"T1\"}", UpdatedAt = at });
            await cost.SaveChangesAsync();
        }

        var outbox = new EfWorkQueue(_db.Queue, _time);
        var idempotency = new EfIdempotencyStore(_db.Queue, _time);

        var due = Assert.Single(await outbox.GetDueAsync("slack-inbound", 10, CancellationToken.None));
        Assert.Equal(("slack-inbound:event:T1:Ev1", "{\"a\":1}", 2, "ratelimited"), (due.IdempotencyKey, due.Payload, due.Attempts, due.LastError));
        Assert.False(await outbox.EnqueueAsync("slack", "digest:w1", "{}", CancellationToken.None));
        Assert.Equal("ts-9", await idempotency.GetResultAsync("slack.message", "T1:C1:1.1", CancellationToken.None));
        Assert.False(await idempotency.TryClaimAsync("slack.event", "Ev2", TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.Equal("{\"team\":\"T1\"}", await new ChannelRecordStore(_db.Queue, _time).GetAsync("slack.installation", "T1", CancellationToken.None));

        // A restart (a new process, a new QueueDatabase) moves nothing again, even rows the old tables gained since.
        await using (var cost = _db.Database.CreateContext())
        {
            cost.OutboxMessages.Add(new OutboxEntity { Channel = "slack-inbound", IdempotencyKey = "late", Payload = "{}", Status = "pending", NextAttemptAt = at, CreatedAt = at });
            await cost.SaveChangesAsync();
        }

        using var restarted = new QueueDatabase(_db.Options, _time);
        await restarted.EnsureReadyAsync(CancellationToken.None);
        await using var queue = restarted.CreateContext();
        Assert.Equal(["digest:w1", "slack-inbound:event:T1:Ev1"], await queue.Messages.OrderBy(m => m.IdempotencyKey).Select(m => m.IdempotencyKey).ToListAsync());
        Assert.Equal(2, await queue.IdempotencyKeys.CountAsync());
        Assert.Equal(1, await queue.Markers.CountAsync(m => m.Name == "legacy-rows-moved"));
    }

    [Fact]
    public async Task EnsureReadyAsync_NoCostStoreYet_MarksAndCreatesNothingThere()
    {
        await _db.Queue.EnsureReadyAsync(CancellationToken.None);

        Assert.False(File.Exists(_db.Database.DatabasePath));
        await using var queue = _db.Queue.CreateContext();
        Assert.Equal(1, await queue.Markers.CountAsync());
    }

    [Fact]
    public async Task EnsureReadyAsync_LegacyMoveWhileImportHoldsCostStoreLock_Completes()
    {
        await _db.Database.EnsureReadyAsync(CancellationToken.None);
        await using (var cost = _db.Database.CreateContext())
        {
            var at = _time.GetUtcNow();
            cost.OutboxMessages.Add(new OutboxEntity { Channel = "slack-inbound", IdempotencyKey = "k1", Payload = "{}", Status = "pending", NextAttemptAt = at, CreatedAt = at });
            await cost.SaveChangesAsync();
        }

        await using var importer = await HoldWriteLockAsync(_db.Database.ConnectionString);

        await _db.Queue.EnsureReadyAsync(CancellationToken.None).WaitAsync(Guard);

        Assert.Single(await new EfWorkQueue(_db.Queue, _time).GetDueAsync("slack-inbound", 10, CancellationToken.None));
    }

    /// <summary>What an import in another process does: a connection with BEGIN IMMEDIATE, holding the write lock until disposed.</summary>
    internal static async Task<SqliteConnection> HoldWriteLockAsync(string connectionString)
    {
        var connection = new SqliteConnection(connectionString + ";Pooling=False");
        await connection.OpenAsync();
        await using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE; INSERT INTO DimensionValues (Value) VALUES ('held-by-test-import');";
        await begin.ExecuteNonQueryAsync();
        return connection;
    }

    /// <summary>True when another writer cannot take the file's write lock (within a second; a timeout of 0 would wait forever).</summary>
    internal static bool IsLockHeld(string connectionString)
    {
        using var probe = new SqliteConnection(connectionString + ";Pooling=False;Default Timeout=1");
        probe.Open();
        using var begin = probe.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE;";
        try
        {
            begin.ExecuteNonQuery();
            using var rollback = probe.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            rollback.ExecuteNonQuery();
            return false;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 5)
        {
            return true;
        }
    }
}
