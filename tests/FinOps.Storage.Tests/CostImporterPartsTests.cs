using FinOps.Core.Focus;
using FinOps.Core.Ingestion;
using FinOps.Core.Query;
using FinOps.Storage.Costs;
using FinOps.Storage.Import;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static FinOps.Storage.Tests.FakeFocusFileReader;

namespace FinOps.Storage.Tests;

/// <summary>Which files of a run are parts of one export (manifest, or no rows in common) and which repeat each other (refused).</summary>
public sealed class CostImporterPartsTests : IDisposable
{
    private static readonly DateRange January = new(new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1));
    private readonly TestDatabase _db = new();
    private readonly FakeFocusFileReader _reader = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 2, 3, 8, 0, 0, TimeSpan.Zero));
    private readonly SqliteCostStore _store;
    private readonly CostImporter _importer;

    public CostImporterPartsTests()
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
    public async Task ImportAsync_OriginalAndRestatementInOneFolder_BothRefusedStoreUnchanged()
    {
        await _importer.ImportAsync([File("before.csv", Row("2026-01-03", 100m))], CancellationToken.None);
        var original = File("export.csv", Row("2026-01-10", 5m), Row("2026-01-11", 7m), Row("2026-01-12", 2m, resourceId: "i-2"));
        var restated = File("export-restated.csv", Row("2026-01-10", 5m), Row("2026-01-11", 6.5m), Row("2026-01-12", 2m, resourceId: "i-2"));
        var other = File("other-account.csv", Row("2026-01-10", 1m, billingAccount: "222"));

        var report = await _importer.ImportAsync([original, restated, other], CancellationToken.None);

        Assert.False(report.Succeeded);
        Assert.Equal([ImportStatus.Failed, ImportStatus.Failed, ImportStatus.Imported], report.Files.Select(f => f.Status));
        Assert.Contains("2 of its 3 rows of AWS billing account 111, billing period 2026-01 repeat rows of " + original, report.Files[1].Error, StringComparison.Ordinal);
        Assert.Contains("original and its restatement", report.Files[1].Error, StringComparison.Ordinal);
        Assert.Contains("Neither file was imported", report.Files[0].Error, StringComparison.Ordinal);
        // Account 111 keeps what it had before the run (100); only the unrelated file was added (1).
        Assert.Equal(100m, await TotalAsync("Acme 111"));
        Assert.Equal(1m, await TotalAsync("Acme 222"));
        var history = await _importer.GetImportHistoryAsync(CancellationToken.None);
        Assert.Equal(2, history.Count(h => h.Status == ImportStatus.Failed && h.Error!.Contains("refused", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ImportAsync_ThirdVersionOfRefusedSlice_AlsoRefusedOthersImported()
    {
        var v1 = File("v1.csv", Row("2026-01-10", 5m), Row("2026-01-11", 7m));
        var v2 = File("v2.csv", Row("2026-01-10", 5m), Row("2026-01-11", 6m));
        var v3 = File("v3.csv", Row("2026-01-10", 5m), Row("2026-01-11", 6.5m));
        var other = File("other.csv", Row("2026-01-10", 1m, billingAccount: "222"));

        var report = await _importer.ImportAsync([v1, v2, v3, other], CancellationToken.None);

        Assert.Equal([ImportStatus.Failed, ImportStatus.Failed, ImportStatus.Failed, ImportStatus.Imported], report.Files.Select(f => f.Status));
        Assert.Equal(
            $"{v3}: refused: it holds rows of AWS billing account 111, billing period 2026-01, for which this run has two files that repeat each other's rows ({v1} and {v2}). " +
            "Import the current files of that billing period in a run of their own.",
            report.Files[2].Error);
        Assert.Equal(0m, await TotalAsync("Acme 111"));
        Assert.Equal(1m, await TotalAsync("Acme 222"));
    }

    [Fact]
    public async Task ImportAsync_SameDataSavedWithOtherLineEndings_BothRefused()
    {
        using var importer = new CostImporter(_db.Database, new FocusFileReader(), _store, _time, NullLogger<CostImporter>.Instance);
        string[] lines =
        [
            "BillingPeriodStart,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,BillingCurrency,ChargeCategory,ProviderName,BillingAccountId,ServiceName,ResourceId",
            "2026-01-01,2026-01-10T00:00:00Z,2026-01-11T00:00:00Z,5.00,5.00,USD,Usage,AWS,111,EC2,i-1",
            "2026-01-01,2026-01-11T00:00:00Z,2026-01-12T00:00:00Z,7.00,7.00,USD,Usage,AWS,111,EC2,i-1",
        ];
        var lf = _db.File("export-lf.csv", string.Join("\n", lines) + "\n");
        var crlf = _db.File("export-crlf.csv", string.Join("\r\n", lines) + "\r\n");

        var report = await importer.ImportAsync([lf, crlf], CancellationToken.None);

        Assert.All(report.Files, f => Assert.Equal(ImportStatus.Failed, f.Status));
        Assert.Contains("2 of its 2 rows of AWS billing account 111, billing period 2026-01 repeat rows of " + lf + " (the first at line 2)", report.Files[1].Error, StringComparison.Ordinal);
        Assert.Empty((await _store.QueryAsync(new CostQuery { Period = January }, CancellationToken.None)).ByCurrency);
    }

    [Fact]
    public async Task ImportAsync_PartsWithoutCommonRowsInOneRun_AllImported()
    {
        // Hourly rows of one resource and day split across two parts: the same daily fact, but no row in common.
        var part1 = File("part-00001.csv", [.. Enumerable.Range(0, 12).Select(h => Row("2026-01-10", 1m, hour: h))]);
        var part2 = File("part-00002.csv", [.. Enumerable.Range(12, 12).Select(h => Row("2026-01-10", 1m, hour: h))]);

        var report = await _importer.ImportAsync([part1, part2], CancellationToken.None);

        Assert.True(report.Succeeded);
        Assert.Equal(24m, await TotalAsync("Acme 111"));
    }

    [Fact]
    public async Task ImportAsync_RunOverSampleSize_RestatementStillRefusedPartsStillImported()
    {
        FocusRecord[] Hours(int from, int to, decimal cost) =>
            [.. Enumerable.Range(from, to - from).Select(i => Row($"2026-01-{1 + (i / 24) % 28:00}", cost, hour: i % 24, resourceId: "i-" + (i / 672)))];
        var original = File("export.csv", Hours(0, 4000, 1m));
        var restated = File("restated.csv", [.. Hours(0, 3800, 1m), .. Hours(3800, 4000, 2m)]);
        var part2 = File("part-00002.csv", Hours(4000, 8000, 1m));

        // Big enough (by bytes) that only a sample of rows, chosen by hash, is compared.
        await System.IO.File.AppendAllTextAsync(original, new string('#', (int)RunOverlap.SampleAbove));
        var refused = await _importer.ImportAsync([original, restated], CancellationToken.None);
        var parts = await _importer.ImportAsync([original, part2], CancellationToken.None);

        Assert.All(refused.Files, f => Assert.Equal(ImportStatus.Failed, f.Status));
        Assert.Contains("refused: about ", refused.Files[1].Error, StringComparison.Ordinal);
        Assert.Contains(" of its 4,000 rows", refused.Files[1].Error, StringComparison.Ordinal);
        Assert.True(parts.Succeeded, string.Join("; ", parts.Files.Select(f => f.Error)));
        Assert.Equal(8000m, await TotalAsync("Acme 111"));
    }

    [Theory]
    [InlineData("aws")]
    [InlineData("azure")]
    public async Task ImportAsync_PartsListedInManifest_ImportedTogetherEvenWithRepeatedRows(string cloud)
    {
        // Two line items identical in everything the store keeps (they differ in SKU, which it does not read).
        var part1 = File("focus-00001.csv", Row("2026-01-10", 2m), Row("2026-01-11", 3m));
        var part2 = File("focus-00002.csv", Row("2026-01-10", 2m), Row("2026-01-11", 3m));
        _db.File(
            cloud == "aws" ? "focus-Manifest.json" : "manifest.json",
            cloud == "aws"
                ? """{"executionId":"e1","dataFiles":["s3://bucket/exports/focus/data/BILLING_PERIOD=2026-01/focus-00001.csv","s3://bucket/exports/focus/data/BILLING_PERIOD=2026-01/focus-00002.csv"]}"""
                : """{"manifestVersion":"2024-04-01","blobCount":2,"blobs":[{"blobName":"exports/run1/focus-00001.csv","dataRowCount":2},{"blobName":"exports/run1/focus-00002.csv","dataRowCount":2}]}""");

        var report = await _importer.ImportAsync([part1, part2], CancellationToken.None);

        Assert.True(report.Succeeded, string.Join("; ", report.Files.Select(f => f.Error)));
        Assert.Equal(10m, await TotalAsync("Acme 111"));
    }

    [Fact]
    public async Task ImportAsync_AwsLayoutManifestInMetadataFolder_PartsImportedTogether()
    {
        var data = Path.Combine(_db.Folder, "focus", "data", "BILLING_PERIOD=2026-01");
        var metadata = Path.Combine(_db.Folder, "focus", "metadata", "BILLING_PERIOD=2026-01");
        Directory.CreateDirectory(data);
        Directory.CreateDirectory(metadata);
        var part1 = File(Path.Combine("focus", "data", "BILLING_PERIOD=2026-01", "focus-00001.csv.gz"), Row("2026-01-10", 2m));
        var part2 = File(Path.Combine("focus", "data", "BILLING_PERIOD=2026-01", "focus-00002.csv.gz"), Row("2026-01-10", 2m));
        await System.IO.File.WriteAllTextAsync(
            Path.Combine(metadata, "focus-Manifest.json"),
            """{"dataFiles":["s3://b/focus/data/BILLING_PERIOD=2026-01/focus-00001.csv.gz","s3://b/focus/data/BILLING_PERIOD=2026-01/focus-00002.csv.gz"]}""");

        var report = await _importer.ImportAsync([part1, part2], CancellationToken.None);

        Assert.True(report.Succeeded, string.Join("; ", report.Files.Select(f => f.Error)));
        Assert.Equal(4m, await TotalAsync("Acme 111"));
    }

    [Fact]
    public async Task ImportAsync_ManifestListsOtherFiles_RepeatedRowsStillRefused()
    {
        var part1 = File("focus-00001.csv", Row("2026-01-10", 2m));
        var copy = File("focus-00001-copy.csv", Row("2026-01-10", 2m));
        _db.File("focus-Manifest.json", """{"dataFiles":["s3://b/p/focus-00001.csv","s3://b/p/focus-00002.csv"]}""");

        var report = await _importer.ImportAsync([part1, copy], CancellationToken.None);

        Assert.All(report.Files, f => Assert.Equal(ImportStatus.Failed, f.Status));
    }

    [Fact]
    public async Task ImportAsync_TwoHalvesInTwoRuns_LaterRunSaysWhichFileItReplaces()
    {
        var half1 = File("part-00001.csv", Row("2026-01-10", 5m));
        var half2 = File("part-00002.csv", Row("2026-01-20", 7m));
        var first = await _importer.ImportAsync([half1], CancellationToken.None);

        var second = await _importer.ImportAsync([half2], CancellationToken.None);

        Assert.Empty(first.Files[0].Notices ?? []);
        var notice = Assert.Single(second.Files[0].Notices!);
        Assert.Contains("AWS billing account 111, billing period 2026-01: replaces what an earlier run imported from " + half1, notice, StringComparison.Ordinal);
        Assert.Contains("import all its parts together in one run", notice, StringComparison.Ordinal);
        Assert.Equal(7m, await TotalAsync("Acme 111"));
    }

    [Fact]
    public async Task ImportAsync_SliceBuiltFromTwoFilesReplacedByOne_NoticeNamesBoth()
    {
        var half1 = File("part-00001.csv", Row("2026-01-10", 5m));
        var half2 = File("part-00002.csv", Row("2026-01-20", 7m));
        await _importer.ImportAsync([half1, half2], CancellationToken.None);

        var report = await _importer.ImportAsync([File("restated.csv", Row("2026-01-10", 6m))], CancellationToken.None);

        var notice = Assert.Single(report.Files[0].Notices!);
        Assert.Contains($"2 files ({half1}, {half2})", notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAsync_RestatedExportWithAnUnchangedFirstPart_KeepsThatPartsRows()
    {
        // A two-part export of one billing slice; the provider restates it and only the second part's bytes change.
        var part1 = File("part-00001.csv", [.. Enumerable.Range(0, 12).Select(h => Row("2026-01-10", 1m, hour: h))]);
        var part2 = File("part-00002.csv", [.. Enumerable.Range(12, 12).Select(h => Row("2026-01-10", 1m, hour: h))]);
        await _importer.ImportAsync([part1, part2], CancellationToken.None);
        File("part-00002.csv", [.. Enumerable.Range(12, 12).Select(h => Row("2026-01-10", 2m, hour: h))]);

        var report = await _importer.ImportAsync([part1, part2], CancellationToken.None);

        // The restated part replaces the slice, so the unchanged part is read again rather than skipped: its 12 rows stay.
        Assert.True(report.Succeeded);
        Assert.Equal([ImportStatus.Imported, ImportStatus.Imported], report.Files.Select(f => f.Status));
        Assert.Equal(12m + 24m, await TotalAsync("Acme 111"));

        // And a third run of the same bytes changes nothing: both parts are current.
        var again = await _importer.ImportAsync([part1, part2], CancellationToken.None);
        Assert.Equal([ImportStatus.Unchanged, ImportStatus.Unchanged], again.Files.Select(f => f.Status));
        Assert.Equal(36m, await TotalAsync("Acme 111"));
    }

    [Fact]
    public async Task ImportAsync_UnchangedPartOfAnotherSliceBesideARestatedOne_StillSkipped()
    {
        var january = File("jan.csv", Row("2026-01-10", 5m));
        var february = File("feb.csv", Row("2026-02-10", 7m, period: "2026-02-01"));
        await _importer.ImportAsync([january, february], CancellationToken.None);
        File("feb.csv", Row("2026-02-10", 8m, period: "2026-02-01"));

        var report = await _importer.ImportAsync([january, february], CancellationToken.None);

        Assert.Equal([ImportStatus.Unchanged, ImportStatus.Imported], report.Files.Select(f => f.Status));
        Assert.Equal(5m, await TotalAsync("Acme 111"));
    }

    private string File(string name, params FocusRecord[] records)
    {
        var path = _db.File(name, name + ":" + string.Join(";", records.Select(r => $"{r.ChargePeriodStart:O}/{r.EffectiveCost}/{r.BillingAccountId}")));
        _reader.Serve(path, records);
        return path;
    }

    private async Task<decimal> TotalAsync(string billingAccount)
    {
        var query = new CostQuery
        {
            Period = January,
            Filters = new Dictionary<Dimension, IReadOnlyList<string>> { [Dimension.BillingAccount] = [billingAccount] },
        };
        var result = await _store.QueryAsync(query, CancellationToken.None);
        return result.ByCurrency.FirstOrDefault(c => c.Currency == "USD")?.Total ?? 0m;
    }
}
