using FinOps.Core.Focus;
using FinOps.Core.Query;
using FinOps.Storage.Costs;
using FinOps.Storage.Import;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static FinOps.Storage.Tests.FakeFocusFileReader;

namespace FinOps.Storage.Tests;

/// <summary>A damaged billing slice gives the questions touching it an error naming the slice and the segment, never a wrong answer; other questions are answered.</summary>
public sealed class SqliteCostStoreSegmentTests : IDisposable
{
    private static readonly DateRange January = new(new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1));
    private static readonly DateRange February = new(new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 1));
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

        var e = await Assert.ThrowsAsync<CostDataUnavailableException>(() => _store.QueryAsync(new CostQuery { Period = January }, CancellationToken.None));

        Assert.Contains("AWS billing account 111, billing period 2026-01", e.Message, StringComparison.Ordinal);
        Assert.Contains("cost fact segment 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("holds 1 facts but its row says 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_SegmentDataTruncated_ThrowsNamingTheSegment()
    {
        await ImportAsync();
        await ExecuteAsync("UPDATE CostFactSegments SET Data = substr(Data, 1, 20)");

        var e = await Assert.ThrowsAsync<CostDataUnavailableException>(() => _store.QueryAsync(new CostQuery { Period = January }, CancellationToken.None));

        Assert.Contains("cost fact segment 1: The fact segment is corrupt", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_OneSliceUndecodable_OnlyQuestionsTouchingItFail()
    {
        await ImportAsync(Row("2026-01-10", 7.25m), Row("2026-02-10", 3m, period: "2026-02-01"), Row("2026-01-12", 1m, billingAccount: "222"));
        await ExecuteAsync(
            "UPDATE CostFactSegments SET Data = substr(Data, 1, 20) WHERE SliceId = " +
            "(SELECT s.Id FROM BillingSlices s JOIN DimensionValues v ON v.Id = s.BillingAccountIdRef WHERE v.Value = '111' AND s.BillingPeriodStart = '2026-01-01')");

        var coverage = await _store.GetCoverageAsync(CancellationToken.None);
        var february = await _store.QueryAsync(new CostQuery { Period = February }, CancellationToken.None);
        var e = await Assert.ThrowsAsync<CostDataUnavailableException>(() => _store.QueryAsync(new CostQuery { Period = January }, CancellationToken.None));
        var comparing = await Assert.ThrowsAsync<CostDataUnavailableException>(
            () => _store.QueryAsync(new CostQuery { Period = February, ComparePeriod = January }, CancellationToken.None));

        Assert.NotNull(coverage);
        Assert.Equal(3m, february.Primary!.Total);
        Assert.Contains("AWS billing account 111, billing period 2026-01", e.Message, StringComparison.Ordinal);
        Assert.Contains("Re-import", e.Message, StringComparison.Ordinal);
        Assert.Equal(e.Message.Replace("[2026-01-01, 2026-02-01)", "", StringComparison.Ordinal), comparing.Message.Replace("[2026-01-01, 2026-02-01)", "", StringComparison.Ordinal));
        Assert.Equal(["Acme 111", "Acme 222"], await _store.GetDimensionValuesAsync(Dimension.BillingAccount, CancellationToken.None));
        var damaged = Assert.Single(_store.DamagedSlices);
        Assert.Equal(("AWS", "111", new DateOnly(2026, 1, 1)), (damaged.Provider, damaged.BillingAccountId, damaged.BillingPeriodStart));
    }

    [Fact]
    public async Task GetCoverageAsync_ChargeDate9999WrittenByOlderBuild_StartsAndOnlyThatSliceFails()
    {
        await ImportAsync(Row("2026-01-10", 7.25m), Row("2026-02-10", 3m, period: "2026-02-01"));
        await RewriteSegmentAsync("2026-01-01", segment => segment[FinOps.Storage.Data.FactIdColumn.ChargeDate][0] = 99991231);

        var coverage = await _store.GetCoverageAsync(CancellationToken.None);
        var february = await _store.QueryAsync(new CostQuery { Period = February }, CancellationToken.None);
        var e = await Assert.ThrowsAsync<CostDataUnavailableException>(() => _store.QueryAsync(new CostQuery { Period = January }, CancellationToken.None));

        Assert.Equal(new DateRange(new DateOnly(2026, 2, 10), new DateOnly(2026, 2, 11)), coverage!.Dates);
        Assert.Equal(3m, february.Primary!.Total);
        Assert.Contains("charge date 99991231", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_AmountsWhoseSumsOverflowDecimal_OnlyThatSliceFails()
    {
        await ImportAsync(Row("2026-01-10", 7.25m), Row("2026-01-11", 1m, resourceId: "i-2"), Row("2026-02-10", 3m, period: "2026-02-01"));
        await RewriteSegmentAsync("2026-01-01", segment =>
        {
            segment[FinOps.Storage.Data.FactAmountColumn.EffectiveCost][0] = decimal.MaxValue;
            segment[FinOps.Storage.Data.FactAmountColumn.EffectiveCost][1] = decimal.MaxValue;
        });

        var february = await _store.QueryAsync(new CostQuery { Period = February }, CancellationToken.None);
        var e = await Assert.ThrowsAsync<CostDataUnavailableException>(() => _store.QueryAsync(new CostQuery { Period = January }, CancellationToken.None));

        Assert.Equal(3m, february.Primary!.Total);
        Assert.Contains("overflow decimal", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_IntactSegment_Answers()
    {
        await ImportAsync();

        var result = await _store.QueryAsync(new CostQuery { Period = January }, CancellationToken.None);

        Assert.Equal(7.25m, result.Primary!.Total);
    }

    private async Task ImportAsync(params FocusRecord[] rows)
    {
        var path = _db.File("one.csv", "one fact");
        _reader.Serve(path, rows.Length == 0 ? [Row("2026-01-10", 7.25m)] : rows);
        var report = await _importer.ImportAsync([path], CancellationToken.None);
        Assert.Equal(ImportStatus.Imported, Assert.Single(report.Files).Status);
    }

    /// <summary>Decodes the (single) segment of account 111's slice, changes it as an older build might have, and writes it back.</summary>
    private async Task RewriteSegmentAsync(string periodStart, Action<FinOps.Storage.Data.FactSegment> change)
    {
        await using var connection = new SqliteConnection(_db.Database.ConnectionString);
        await connection.OpenAsync();
        await using var read = connection.CreateCommand();
        read.CommandText =
            "SELECT g.Id, g.Data FROM CostFactSegments g JOIN BillingSlices s ON s.Id = g.SliceId " +
            "JOIN DimensionValues v ON v.Id = s.BillingAccountIdRef WHERE v.Value = '111' AND s.BillingPeriodStart = $p";
        read.Parameters.AddWithValue("$p", periodStart);
        long id;
        var segment = new FinOps.Storage.Data.FactSegment();
        await using (var reader = await read.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            id = reader.GetInt64(0);
            FinOps.Storage.Data.FactSegmentCodec.Decode((byte[])reader.GetValue(1), segment);
        }

        change(segment);
        var buffer = new byte[FinOps.Storage.Data.FactSegmentCodec.MaxLength(segment.Count)];
        var length = FinOps.Storage.Data.FactSegmentCodec.Encode(segment, buffer);
        await using var write = connection.CreateCommand();
        write.CommandText = "UPDATE CostFactSegments SET Data = $d WHERE Id = $id";
        write.Parameters.AddWithValue("$d", buffer[..length]);
        write.Parameters.AddWithValue("$id", id);
        Assert.Equal(1, await write.ExecuteNonQueryAsync());
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
