using FinOps.Core.Query;
using FinOps.Storage.Costs;
using FinOps.Storage.Import;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static FinOps.Storage.Tests.FakeFocusFileReader;

namespace FinOps.Storage.Tests;

/// <summary>An import that finds the write lock taken by another import says whom it waits for, and is recorded either way.</summary>
public sealed class CostImporterLockTests : IDisposable
{
    private readonly TestDatabase _db = new(importLockTimeout: TimeSpan.FromSeconds(1));
    private readonly FakeFocusFileReader _reader = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 2, 3, 8, 0, 0, TimeSpan.Zero));
    private readonly SqliteCostStore _store;
    private readonly CostImporter _importer;

    public CostImporterLockTests()
    {
        _store = new SqliteCostStore(_db.Database, new TagTeamAssignment());
        _importer = new CostImporter(_db.Database, _reader, _store, _time, NullLogger<CostImporter>.Instance);
    }

    public void Dispose()
    {
        _importer.Dispose();
        _store.Dispose();
        _db.Dispose();
    }

    [Fact]
    public async Task ImportAsync_LockHeldByAnotherImport_SaysWhoHoldsItWaitsAndImports()
    {
        var file = File("x.csv");
        await using var other = await HoldWriteLockAsync();
        using var note = ImportLock.Hold(_db.Database.DatabasePath, 3, new FakeTimeProvider(new DateTimeOffset(2026, 2, 3, 7, 59, 0, TimeSpan.Zero)));
        var messages = new List<string>();

        // The other import finishes as soon as ours says it waits: the wait ends on SQLite's busy handling, not on a timer here.
        var report = await _importer.ImportAsync([file], new Callback(m => { messages.Add(m); other.Commit(); }), CancellationToken.None);

        var message = Assert.Single(messages);
        Assert.StartsWith($"waiting for another import to finish (started 2026-02-03 07:59:00Z by pid {Environment.ProcessId}, 3 file(s))", message, StringComparison.Ordinal);
        Assert.Equal(ImportStatus.Imported, Assert.Single(report.Files).Status);
        Assert.Equal(ImportStatus.Imported, Assert.Single(await _importer.GetImportHistoryAsync(CancellationToken.None)).Status);
    }

    [Fact]
    public async Task ImportAsync_LockHeldPastTimeout_GivesUpAndIsRecordedInHistory()
    {
        var file = File("x.csv");
        var messages = new List<string>();
        FileImportResult result;
        await using (var other = await HoldWriteLockAsync())
        {
            var report = await _importer.ImportAsync([file], new Callback(messages.Add), CancellationToken.None);
            result = Assert.Single(report.Files);

            // Listed while the lock is still held (kept beside the database until a run can write it).
            var pending = Assert.Single(await _importer.GetImportHistoryAsync(CancellationToken.None));
            Assert.Equal((ImportStatus.Failed, file), (pending.Status, pending.FilePath));
        }

        Assert.Single(messages);
        Assert.Equal(ImportStatus.Failed, result.Status);
        Assert.Contains("gave up after waiting 00:00:01 for another import to finish (another process holds the store's write lock)", result.Error, StringComparison.Ordinal);

        // The next run that gets the lock writes the record into the history table.
        await _importer.ImportAsync([File("y.csv")], CancellationToken.None);
        var history = await _importer.GetImportHistoryAsync(CancellationToken.None);
        Assert.Equal(2, history.Count);
        Assert.All(history, h => Assert.True(h.Id > 0));
        Assert.Contains(history, h => h.Status == ImportStatus.Failed && h.FilePath == file && h.Error!.Contains("gave up", StringComparison.Ordinal));
        Assert.Empty(Directory.EnumerateFiles(Path.GetDirectoryName(_db.Database.DatabasePath)!, "*.jsonl"));
    }

    [Fact]
    public async Task GetCoverageAsync_NewProcessWhileAnotherImportHoldsTheLock_StartsAndAnswers()
    {
        await _importer.ImportAsync([File("x.csv")], CancellationToken.None);
        await using var other = await HoldWriteLockAsync();

        // A bot starting now: its own database object migrates (nothing pending) and loads without the write lock.
        using var database = new Data.CostDatabase(Microsoft.Extensions.Options.Options.Create(new StorageOptions { DatabasePath = _db.Database.DatabasePath }));
        using var store = new SqliteCostStore(database, new TagTeamAssignment());
        var coverage = await store.GetCoverageAsync(CancellationToken.None);

        Assert.Equal(new DateOnly(2026, 1, 10), coverage!.Dates.Start);
    }

    private string File(string name)
    {
        var path = _db.File(name, name);
        _reader.Serve(path, [Row("2026-01-10", 5m)]);
        return path;
    }

    /// <summary>Another "process": its own connection holding the write lock (BEGIN IMMEDIATE) until committed or disposed.</summary>
    private async Task<HeldLock> HoldWriteLockAsync()
    {
        await _db.Database.EnsureReadyAsync(CancellationToken.None);
        var connection = new SqliteConnection(_db.Database.ConnectionString);
        await connection.OpenAsync();
        return new HeldLock(connection, connection.BeginTransaction(deferred: false));
    }

    private sealed class HeldLock(SqliteConnection connection, SqliteTransaction transaction) : IAsyncDisposable
    {
        private bool _done;

        public void Commit()
        {
            transaction.Commit();
            _done = true;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_done)
            {
                await transaction.RollbackAsync();
            }

            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }

    private sealed class Callback(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
