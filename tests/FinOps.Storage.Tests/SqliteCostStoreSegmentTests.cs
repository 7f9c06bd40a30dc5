using FinOps.Core.Query;
using FinOps.Storage.Costs;
using FinOps.Storage.Import;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static FinOps.Storage.Tests.FakeFocusFileReader;

namespace FinOps.Storage.Tests;

/// <summary>A damaged fact segment stops the snapshot load with a message naming the store and the segment, never a wrong answer.</summary>
public sealed class SqliteCostStoreSegmentTests : IDisposable
{
    private static readonly DateRange January = new(new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1));
    private readonly TestDatabase _db = new();
    private readonly FakeFocusFileReader _reader = new();
    private readonly SqliteCostStore _store;
    private readonly CostImporter _importer;

    public SqliteCostStoreSegmentTests()
    {
        _store = new SqliteCostStore(_db.Database, new TagTeamAssignment());
        _importer = new CostImporter(_db.Database, _reader, _store, new FakeTimeProvider(), NullLogger<CostImporter>.Instance);
    }

    public void Dispose()
    {
        _importer.Dispose();
        _store.Dispose();
        _db.Dispose();
    }

    [Fact]
    public async Task QueryAsync_SegmentRowCountDisagreesWithItsData_ThrowsNamingTheSegment()
    {
        // One fact whose columns are all constant: a count of 2 would decode "fine" from the bytes alone.
        await ImportAsync();
        await ExecuteAsync("UPDATE CostFactSegments SET Facts = 2");

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => _store.QueryAsync(new CostQuery { Period = January }, CancellationToken.None));

        Assert.Contains(_db.Database.DatabasePath, e.Message, StringComparison.Ordinal);
        Assert.Contains("cost fact segment 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("holds 1 facts but its row says 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_SegmentDataTruncated_ThrowsNamingTheSegment()
    {
        await ImportAsync();
        await ExecuteAsync("UPDATE CostFactSegments SET Data = substr(Data, 1, 20)");

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => _store.QueryAsync(new CostQuery { Period = January }, CancellationToken.None));

        Assert.Contains("cost fact segment 1: The fact segment is corrupt", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_IntactSegment_Answers()
    {
        await ImportAsync();

        var result = await _store.QueryAsync(new CostQuery { Period = January }, CancellationToken.None);

        Assert.Equal(7.25m, result.Primary!.Total);
    }

    private async Task ImportAsync()
    {
        var path = _db.File("one.csv", "one fact");
        _reader.Serve(path, [Row("2026-01-10", 7.25m)]);
        var report = await _importer.ImportAsync([path], CancellationToken.None);
        Assert.Equal(ImportStatus.Imported, Assert.Single(report.Files).Status);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection(_db.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
