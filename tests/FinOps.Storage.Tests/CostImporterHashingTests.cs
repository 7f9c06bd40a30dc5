using System.Security.Cryptography;
using FinOps.Core.Focus;
using FinOps.Core.Ingestion;
using FinOps.Core.Query;
using FinOps.Storage.Costs;
using FinOps.Storage.Import;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static FinOps.Storage.Tests.FakeFocusFileReader;

namespace FinOps.Storage.Tests;

/// <summary>
/// The file hash runs alongside the import; it is awaited before reading only when an import of the same byte size is on
/// record. Either way the recorded hash must be the file's SHA-256 and the same bytes must be recognised.
/// </summary>
public sealed class CostImporterHashingTests : IDisposable
{
    private static readonly DateRange January = new(new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1));
    private readonly TestDatabase _db = new();
    private readonly FakeFocusFileReader _reader = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 2, 3, 8, 0, 0, TimeSpan.Zero));
    private readonly SqliteCostStore _store;
    private readonly CostImporter _importer;

    public CostImporterHashingTests()
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
    public async Task ImportAsync_NewFile_RecordsItsSha256AndSize()
    {
        // Big enough that hashing is still running while the rows are read (it is only awaited at the end).
        var path = Served("new.csv", new string('n', 3_000_000), Row("2026-01-10", 5m));

        var report = await _importer.ImportAsync([path], CancellationToken.None);

        Assert.Equal(ImportStatus.Imported, report.Files[0].Status);
        var entry = Assert.Single(await _importer.GetImportHistoryAsync(CancellationToken.None));
        Assert.Equal(Sha256Of(path), entry.Sha256);
        Assert.Equal([new FileInfo(path).Length], await BytesAsync());
    }

    [Fact]
    public async Task ImportAsync_SameSizeImportOnRecord_HashesFirstRecordsItsSha256AndImports()
    {
        var first = Served("first.csv", "content-A", Row("2026-01-10", 5m, billingAccount: "111"));
        var second = Served("second.csv", "content-B", Row("2026-01-11", 7m, billingAccount: "222"));
        Assert.Equal(new FileInfo(first).Length, new FileInfo(second).Length);
        await _importer.ImportAsync([first], CancellationToken.None);

        var report = await _importer.ImportAsync([second], CancellationToken.None);

        Assert.Equal(ImportStatus.Imported, report.Files[0].Status);
        Assert.Equal(12m, await TotalAsync());
        var history = await _importer.GetImportHistoryAsync(CancellationToken.None);
        Assert.Equal([second, first], history.Select(h => h.FilePath));
        Assert.Equal([Sha256Of(second), Sha256Of(first)], history.Select(h => h.Sha256));
        Assert.NotEqual(history[0].Sha256, history[1].Sha256);
        Assert.Equal([9L, 9L], await BytesAsync());
    }

    [Fact]
    public async Task ImportAsync_SameBytesUnderAnotherPath_Unchanged()
    {
        var original = Served("original.csv", "same-bytes", Row("2026-01-10", 5m), Row("2026-01-12", 1m));
        var copy = Served("copy.csv", "same-bytes", Row("2026-01-10", 5m), Row("2026-01-12", 1m));
        var sameSizeOther = Served("other.csv", "diff-bytes", Row("2026-01-10", 3m, billingAccount: "333"));
        await _importer.ImportAsync([original], CancellationToken.None);

        var report = await _importer.ImportAsync([copy, sameSizeOther], CancellationToken.None);

        Assert.Equal([ImportStatus.Unchanged, ImportStatus.Imported], report.Files.Select(f => f.Status));
        Assert.Equal(copy, report.Files[0].File);
        Assert.Equal(2, report.Files[0].Rows);
        Assert.Equal(9m, await TotalAsync());
        var history = await _importer.GetImportHistoryAsync(CancellationToken.None);
        Assert.Equal([sameSizeOther, original], history.Select(h => h.FilePath));
        Assert.Equal(Sha256Of(sameSizeOther), history[0].Sha256);
    }

    [Fact]
    public async Task ImportAsync_ImportRecordedBeforeSizesWereKept_SameBytesStillUnchanged()
    {
        var original = Served("original.csv", "old-import-bytes", Row("2026-01-10", 5m));
        var copy = Served("copy.csv", "old-import-bytes", Row("2026-01-10", 5m));
        var longer = Served("longer.csv", "a longer file than that", Row("2026-01-11", 2m, billingAccount: "222"));
        await _importer.ImportAsync([original], CancellationToken.None);
        await using (var connection = new SqliteConnection(_db.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var forget = connection.CreateCommand();
            forget.CommandText = "UPDATE Imports SET Bytes = NULL";
            Assert.Equal(1, await forget.ExecuteNonQueryAsync());
        }

        var report = await _importer.ImportAsync([copy, longer], CancellationToken.None);

        Assert.Equal([ImportStatus.Unchanged, ImportStatus.Imported], report.Files.Select(f => f.Status));
        Assert.Equal(7m, await TotalAsync());
        Assert.Equal(Sha256Of(longer), (await _importer.GetImportHistoryAsync(CancellationToken.None))[0].Sha256);
    }

    [Fact]
    public async Task ImportAsync_RejectedFile_RecordsSizeAndHash()
    {
        var bad = _db.File("bad.csv", "bad-content");
        _reader.Serve(bad, [Row("2026-01-10", 5m), Row("2026-01-11", 5m)], failAt: 1);

        var report = await _importer.ImportAsync([bad], CancellationToken.None);

        Assert.Equal(ImportStatus.Failed, report.Files[0].Status);
        var entry = Assert.Single(await _importer.GetImportHistoryAsync(CancellationToken.None));
        Assert.Equal(Sha256Of(bad), entry.Sha256);
        Assert.Equal([11L], await BytesAsync());
        Assert.Equal(0, await FactCountAsync());
    }

    [Fact]
    public async Task ImportAsync_FileDeletedBeforeImport_FailsNamingThePathAndStoresNothing()
    {
        var kept = Served("kept.csv", "kept", Row("2026-01-10", 5m));
        await _importer.ImportAsync([kept], CancellationToken.None);
        var gone = Served("gone.csv", "gone", Row("2026-01-10", 50m, billingAccount: "999"));
        File.Delete(gone);

        var report = await _importer.ImportAsync([gone], CancellationToken.None);

        var failed = Assert.Single(report.Files);
        Assert.Equal(ImportStatus.Failed, failed.Status);
        Assert.Contains(gone, failed.Error, StringComparison.Ordinal);
        Assert.Equal(5m, await TotalAsync());
        Assert.Equal(1, await FactCountAsync());
        var history = await _importer.GetImportHistoryAsync(CancellationToken.None);
        Assert.Equal(ImportStatus.Failed, history[0].Status);
        Assert.Equal(gone, history[0].FilePath);
    }

    [Fact]
    public async Task ImportAsync_CancelledWhileReading_ThrowsAndLeavesTheStoreAsItWas()
    {
        var path = Served("big.csv", new string('c', 3_000_000));
        using var cancel = new CancellationTokenSource();
        var reader = new CancellingReader(cancel, afterRows: 2);
        using (var importer = new CostImporter(_db.Database, reader, _store, _time, NullLogger<CostImporter>.Instance))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => importer.ImportAsync([path], cancel.Token));

            Assert.Empty(await importer.GetImportHistoryAsync(CancellationToken.None));
        }

        Assert.Equal(0, await FactCountAsync());
        Assert.True(reader.Stopped);

        // The store is usable afterwards, and the same file imports normally.
        _reader.Serve(path, [Row("2026-01-10", 5m)]);
        var report = await _importer.ImportAsync([path], CancellationToken.None);
        Assert.Equal(ImportStatus.Imported, Assert.Single(report.Files).Status);
        Assert.Equal(Sha256Of(path), (await _importer.GetImportHistoryAsync(CancellationToken.None))[0].Sha256);
    }

    /// <summary>A file with exactly <paramref name="content"/> as bytes, served as <paramref name="records"/>.</summary>
    private string Served(string name, string content, params FocusRecord[] records)
    {
        var path = _db.File(name, content);
        _reader.Serve(path, records);
        return path;
    }

    private static string Sha256Of(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private async Task<decimal> TotalAsync()
    {
        var result = await _store.QueryAsync(new CostQuery { Period = January }, CancellationToken.None);
        return result.ByCurrency.FirstOrDefault(c => c.Currency == "USD")?.Total ?? 0m;
    }

    private async Task<long> FactCountAsync()
    {
        await using var context = _db.Database.CreateContext();
        return await context.CostFactSegments.SumAsync(s => (long)s.Facts);
    }

    /// <summary>Imports.Bytes, newest first.</summary>
    private async Task<List<long?>> BytesAsync()
    {
        await using var connection = new SqliteConnection(_db.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Bytes FROM Imports ORDER BY Id DESC";
        var sizes = new List<long?>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            sizes.Add(reader.IsDBNull(0) ? null : reader.GetInt64(0));
        }

        return sizes;
    }

    /// <summary>Serves rows until <c>afterRows</c>, then cancels the import's token, as a user pressing Ctrl+C would.</summary>
    private sealed class CancellingReader(CancellationTokenSource cancel, int afterRows) : IFocusFileReader
    {
        public bool Stopped { get; private set; }

        public IEnumerable<FocusRecord> Read(string path, CancellationToken cancellationToken)
        {
            try
            {
                for (var i = 0; ; i++)
                {
                    if (i == afterRows)
                    {
                        cancel.Cancel();
                    }

                    cancellationToken.ThrowIfCancellationRequested();
                    yield return Row("2026-01-10", 1m);
                }
            }
            finally
            {
                Stopped = true;
            }
        }
    }
}
