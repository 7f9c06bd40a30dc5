using FinOps.Core.Focus;
using FinOps.Core.Ingestion;
using FinOps.Core.Query;
using FinOps.Storage.Costs;
using FinOps.Storage.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static FinOps.Storage.Tests.FakeFocusFileReader;

namespace FinOps.Storage.Tests;

public sealed class CostImporterTests : IDisposable
{
    private static readonly DateRange January = new(new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1));
    private readonly TestDatabase _db = new();
    private readonly FakeFocusFileReader _reader = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 2, 3, 8, 0, 0, TimeSpan.Zero));
    private readonly SqliteCostStore _store;
    private readonly CostImporter _importer;

    public CostImporterTests()
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

    private string File(string name, params FocusRecord[] records)
    {
        var path = _db.File(name, name + ":" + string.Join(";", records.Select(r => $"{r.ChargePeriodStart:O}/{r.EffectiveCost}/{r.Provider}")));
        _reader.Serve(path, records);
        return path;
    }

    private async Task<decimal> TotalAsync(string currency = "USD", Dimension? filter = null, string? value = null)
    {
        var query = new CostQuery { Period = January };
        if (filter is not null)
        {
            query = query with { Filters = new Dictionary<Dimension, IReadOnlyList<string>> { [filter] = [value!] } };
        }

        var result = await _store.QueryAsync(query, CancellationToken.None);
        return result.ByCurrency.FirstOrDefault(c => c.Currency == currency)?.Total ?? 0m;
    }

    private async Task<long> FactCountAsync()
    {
        await using var context = _db.Database.CreateContext();
        return await context.CostFactSegments.SumAsync(s => (long)s.Facts);
    }

    [Fact]
    public async Task ImportAsync_HourlyRows_RollUpIntoOneDailyFact()
    {
        var rows = Enumerable.Range(0, 24).Select(h => Row("2026-01-10", 0.125m, hour: h)).ToArray();
        var file = File("hourly.csv", rows);

        var report = await _importer.ImportAsync([file], CancellationToken.None);

        var result = Assert.Single(report.Files);
        Assert.True(report.Succeeded);
        Assert.Equal(ImportStatus.Imported, result.Status);
        Assert.Equal(24, result.Rows);
        Assert.Equal(1, result.Facts);
        Assert.Equal([new DateOnly(2026, 1, 1)], result.Periods);
        Assert.Equal(["USD"], result.Currencies);
        Assert.Equal(3m, await TotalAsync());
    }

    [Fact]
    public async Task ImportAsync_SameFileTwice_SecondIsUnchanged()
    {
        var file = File("a.csv", Row("2026-01-10", 5m), Row("2026-01-11", 7m));
        await _importer.ImportAsync([file], CancellationToken.None);

        var second = await _importer.ImportAsync([file], CancellationToken.None);

        Assert.Equal(ImportStatus.Unchanged, second.Files[0].Status);
        Assert.Equal(2, second.Files[0].Rows);
        Assert.Equal(12m, await TotalAsync());
        Assert.Equal(2, await FactCountAsync());
        Assert.Single(await _importer.GetImportHistoryAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ImportAsync_RestatedSlice_ReplacesInsteadOfDoubling()
    {
        await _importer.ImportAsync([File("v1.csv", Row("2026-01-10", 5m), Row("2026-01-11", 7m), Row("2026-01-11", 1m, billingAccount: "222"))], CancellationToken.None);

        var report = await _importer.ImportAsync([File("v2.csv", Row("2026-01-10", 6m), Row("2026-01-12", 4m))], CancellationToken.None);

        Assert.Equal(ImportStatus.Imported, report.Files[0].Status);
        // Account 111's January slice is replaced (6 + 4); account 222's slice is untouched (1).
        Assert.Equal(11m, await TotalAsync());
        Assert.Equal(1m, await TotalAsync(filter: Dimension.BillingAccount, value: "Acme 222"));
    }

    [Fact]
    public async Task ImportAsync_TwoPartsOfOneSliceInOneRun_BothKept()
    {
        var part1 = File("part1.csv", Row("2026-01-10", 5m));
        var part2 = File("part2.csv", Row("2026-01-20", 7m));
        await _importer.ImportAsync([File("old.csv", Row("2026-01-05", 100m))], CancellationToken.None);

        await _importer.ImportAsync([part1, part2], CancellationToken.None);
        var again = await _importer.ImportAsync([part1, part2], CancellationToken.None);

        Assert.Equal(12m, await TotalAsync());
        Assert.All(again.Files, f => Assert.Equal(ImportStatus.Unchanged, f.Status));
    }

    [Fact]
    public async Task ImportAsync_OldFileAfterRestatement_IsImportedAgain()
    {
        var v1 = File("v1.csv", Row("2026-01-10", 5m));
        await _importer.ImportAsync([v1], CancellationToken.None);
        await _importer.ImportAsync([File("v2.csv", Row("2026-01-10", 6m))], CancellationToken.None);

        var report = await _importer.ImportAsync([v1], CancellationToken.None);

        Assert.Equal(ImportStatus.Imported, report.Files[0].Status);
        Assert.Equal(5m, await TotalAsync());
    }

    [Fact]
    public async Task ImportAsync_BadRowMidFile_StoreUnchangedAndErrorNamesFileLineColumn()
    {
        await _importer.ImportAsync([File("good.csv", Row("2026-01-10", 5m))], CancellationToken.None);
        var factsBefore = await FactCountAsync();
        var bad = _db.File("bad.csv", "bad");
        _reader.Serve(bad, [Row("2026-01-10", 50m), Row("2026-01-11", 60m, provider: "Azure"), Row("2026-01-12", 70m)], failAt: 2);

        var report = await _importer.ImportAsync([bad], CancellationToken.None);

        var failed = Assert.Single(report.Files);
        Assert.False(report.Succeeded);
        Assert.Equal(ImportStatus.Failed, failed.Status);
        Assert.Equal(4, failed.ErrorLine);
        Assert.Equal("BilledCost", failed.ErrorColumn);
        Assert.Contains("bad.csv:4 column BilledCost", failed.Error, StringComparison.Ordinal);
        Assert.Equal(5m, await TotalAsync());
        Assert.Equal(factsBefore, await FactCountAsync());
        Assert.Equal(["AWS"], await _store.GetDimensionValuesAsync(Dimension.Provider, CancellationToken.None));
        var history = await _importer.GetImportHistoryAsync(CancellationToken.None);
        Assert.Equal(ImportStatus.Failed, history[0].Status);
        Assert.Contains("not a number", history[0].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAsync_FailedFileAmongOthers_OthersStillImported()
    {
        var bad = _db.File("bad.csv", "bad");
        _reader.Serve(bad, [Row("2026-01-10", 50m, billingAccount: "222")], failAt: 0);

        var report = await _importer.ImportAsync([bad, File("good.csv", Row("2026-01-10", 5m))], CancellationToken.None);

        Assert.False(report.Succeeded);
        Assert.Equal([ImportStatus.Failed, ImportStatus.Imported], report.Files.Select(f => f.Status));
        Assert.Equal(5m, await TotalAsync());
    }

    [Fact]
    public async Task ImportAsync_MissingFile_FailsWithPath()
    {
        var report = await _importer.ImportAsync([Path.Combine(Path.GetTempPath(), "does-not-exist-" + Guid.NewGuid() + ".csv")], CancellationToken.None);

        Assert.Equal(ImportStatus.Failed, report.Files[0].Status);
        Assert.Contains("does-not-exist", report.Files[0].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAsync_MixedCurrencies_KeptApart()
    {
        await _importer.ImportAsync([File("mixed.csv", Row("2026-01-10", 5m), Row("2026-01-10", 9m, currency: "EUR"))], CancellationToken.None);

        var result = await _store.QueryAsync(new CostQuery { Period = January }, CancellationToken.None);

        Assert.Equal([("EUR", 9m), ("USD", 5m)], result.ByCurrency.Select(c => (c.Currency, c.Total)));
    }

    [Fact]
    public async Task ImportAsync_WarningsRecordedInReportAndHistory()
    {
        var file = File("warn.csv", Row("2026-01-10", 0m, billed: 3m), Row("2026-01-11", 1m));

        var report = await _importer.ImportAsync([file], CancellationToken.None);

        var warning = Assert.Single(report.Files[0].Warnings);
        Assert.Equal(DataQualityAnalyzer.EffectiveZero, warning.Code);
        Assert.Equal(3m, warning.Amount);
        var stored = Assert.Single(await _importer.GetWarningsAsync(CancellationToken.None));
        Assert.Equal(file, stored.FilePath);
        Assert.Equal(warning.Code, stored.Warning.Code);
        Assert.Equal(1, stored.Warning.Rows);
        var history = Assert.Single(await _importer.GetImportHistoryAsync(CancellationToken.None));
        Assert.Equal(ImportStatus.Imported, history.Status);
        Assert.Equal(64, history.Sha256.Length);
        Assert.Equal(2, history.Rows);
        Assert.Equal(_time.GetUtcNow(), history.ImportedAt);
        Assert.Equal(DataQualityAnalyzer.EffectiveZero, Assert.Single(history.Warnings).Code);
    }

    [Fact]
    public async Task QueryAsync_ResourceAndTeam_UseNameFallbackAndTeamTag()
    {
        await _importer.ImportAsync(
            [File("res.csv",
                Row("2026-01-10", 5m, resourceId: "arn:1", resourceName: "web", tags: new() { ["team"] = " Payments" }),
                Row("2026-01-10", 2m, resourceId: "arn:2", resourceName: null))],
            CancellationToken.None);

        var byResource = (await _store.QueryAsync(new CostQuery { Period = January, GroupBy = [Dimension.Resource] }, CancellationToken.None)).Primary!;
        var byTeam = (await _store.QueryAsync(new CostQuery { Period = January, GroupBy = [Dimension.Team] }, CancellationToken.None)).Primary!;

        Assert.Equal(["web", "arn:2"], byResource.Rows.Select(r => r.Key[0]));
        Assert.Equal(["payments", TagTeamAssignment.Unallocated], byTeam.Rows.Select(r => r.Key[0]));
    }

    [Fact]
    public async Task GetCoverageAsync_AfterImport_DatesAndLastImport()
    {
        Assert.Null(await _store.GetCoverageAsync(CancellationToken.None));
        await _importer.ImportAsync([File("c.csv", Row("2026-01-10", 5m), Row("2026-01-20", 5m, currency: "EUR"))], CancellationToken.None);

        var coverage = await _store.GetCoverageAsync(CancellationToken.None);

        Assert.NotNull(coverage);
        Assert.Equal(new DateRange(new DateOnly(2026, 1, 10), new DateOnly(2026, 1, 21)), coverage.Dates);
        Assert.Equal(_time.GetUtcNow(), coverage.LastImportedAt);
        Assert.Equal(["EUR", "USD"], coverage.Currencies);
    }

    [Fact]
    public async Task ImportAsync_MoreKeysThanBuffer_FlushesAndKeepsExactTotals()
    {
        var rows = Enumerable.Range(0, ImportBatchThreshold + 10)
            .Select(i => Row("2026-01-10", 0.01m, resourceId: "r" + i))
            .Concat([Row("2026-01-10", 0.01m, resourceId: "r0")])
            .ToArray();
        var file = File("big.csv", rows);

        var report = await _importer.ImportAsync([file], CancellationToken.None);

        Assert.Equal(rows.Length, report.Files[0].Rows);
        Assert.Equal(rows.Length * 0.01m, await TotalAsync());
    }

    [Fact]
    public async Task QueryAsync_ImportByAnotherStoreInstance_SeenOnceReloaded()
    {
        using var otherProcessStore = new SqliteCostStore(_db.Database, new TagTeamAssignment());
        Assert.Empty((await otherProcessStore.QueryAsync(new CostQuery { Period = January }, CancellationToken.None)).ByCurrency);

        await _importer.ImportAsync([File("x.csv", Row("2026-01-10", 5m))], CancellationToken.None);

        // The next query notices the import and starts a reload; the reload, once done, answers with the new data.
        await otherProcessStore.QueryAsync(new CostQuery { Period = January }, CancellationToken.None);
        await otherProcessStore.RefreshAsync(CancellationToken.None);
        Assert.Equal(5m, (await otherProcessStore.QueryAsync(new CostQuery { Period = January }, CancellationToken.None)).Primary!.Total);
    }

    private const int ImportBatchThreshold = 200_000;
}
