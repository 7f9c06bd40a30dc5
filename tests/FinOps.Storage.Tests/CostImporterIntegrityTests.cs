using System.IO.Compression;
using FinOps.Core.Ingestion;
using FinOps.Core.Query;
using FinOps.Storage.Costs;
using FinOps.Storage.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Storage.Tests;

/// <summary>
/// End to end with the real FOCUS reader: a file the reader rejects (cut gzip, values the store cannot use) leaves the
/// store exactly as it was, so a broken restatement cannot replace a month with part of it.
/// </summary>
public sealed class CostImporterIntegrityTests : IDisposable
{
    private const string Header = "ChargePeriodStart,BilledCost,EffectiveCost,BillingCurrency,ChargeCategory,ProviderName,BillingAccountId";
    private static readonly string Sample = Path.Combine(AppContext.BaseDirectory, "TestData", "focus", "focus-1.0-sample.csv");
    private static readonly DateRange September = new(new DateOnly(2024, 9, 1), new DateOnly(2024, 10, 1));

    private readonly TestDatabase _db = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 11, 3, 8, 0, 0, TimeSpan.Zero));
    private readonly SqliteCostStore _store;
    private readonly CostImporter _importer;

    public CostImporterIntegrityTests()
    {
        _store = new SqliteCostStore(_db.Database, new TagTeamAssignment());
        _importer = new CostImporter(_db.Database, new FocusFileReader(), _store, _time, NullLogger<CostImporter>.Instance);
    }

    public void Dispose()
    {
        _importer.Dispose();
        _store.Dispose();
        _db.Dispose();
    }

    [Theory]
    [InlineData(0.25)]
    [InlineData(0.95)]
    [InlineData(0.99)]
    public async Task ImportAsync_RestatementAsGzipCutShort_FailsAndStoreIsUnchanged(double keep)
    {
        var gzip = Gzip(File.ReadAllBytes(Sample));
        var whole = await ImportAsync("2024-09.csv.gz", gzip);
        Assert.Equal(ImportStatus.Imported, whole.Status);
        var before = await SnapshotAsync();
        Assert.NotEqual(0m, before.Total);

        var cut = await ImportAsync("2024-09-restated.csv.gz", gzip[..(int)(gzip.Length * keep)]);

        Assert.Equal(ImportStatus.Failed, cut.Status);
        Assert.Contains("truncated", cut.Error, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task ImportAsync_TwoRowsOf5e28_FailsAndQuestionsStillWork()
    {
        await ImportAsync("good.csv", Csv(Header, "2024-09-10,5,5,USD,Usage,AWS,acct-1"));
        var before = await SnapshotAsync();

        var bad = await ImportAsync("huge.csv", Csv(Header, "2024-09-10,5e28,5e28,USD,Usage,AWS,acct-1", "2024-09-11,5e28,5e28,USD,Usage,AWS,acct-1"));

        Assert.Equal(ImportStatus.Failed, bad.Status);
        Assert.Equal(2, bad.ErrorLine);
        Assert.Equal("BilledCost", bad.ErrorColumn);
        Assert.Equal(before, await SnapshotAsync());
        Assert.Equal(5m, before.Total);
    }

    [Fact]
    public async Task ImportAsync_RowDated9999_FailsAndStoreIsUnchanged()
    {
        await ImportAsync("good.csv", Csv(Header, "2024-09-10,5,5,USD,Usage,AWS,acct-1"));
        var before = await SnapshotAsync();

        var bad = await ImportAsync("future.csv", Csv(Header, "2024-09-10,1,1,USD,Usage,AWS,acct-1", "9999-12-31,1,1,USD,Usage,AWS,acct-1"));

        Assert.Equal(ImportStatus.Failed, bad.Status);
        Assert.Equal(3, bad.ErrorLine);
        Assert.Equal("ChargePeriodStart", bad.ErrorColumn);
        Assert.Equal(before, await SnapshotAsync());
    }

    private static byte[] Csv(params string[] lines) => System.Text.Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");

    private static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return output.ToArray();
    }

    private async Task<FileImportResult> ImportAsync(string name, byte[] bytes)
    {
        var path = _db.File(name, string.Empty);
        await File.WriteAllBytesAsync(path, bytes);
        var report = await _importer.ImportAsync([path], CancellationToken.None);
        return Assert.Single(report.Files);
    }

    private async Task<(decimal Total, long Facts, long Slices)> SnapshotAsync()
    {
        var result = await _store.QueryAsync(new CostQuery { Period = September }, CancellationToken.None);
        await using var context = _db.Database.CreateContext();
        var facts = await context.CostFactSegments.SumAsync(s => (long)s.Facts);
        var slices = await context.ImportSlices.LongCountAsync();
        return (result.ByCurrency.FirstOrDefault(c => c.Currency == "USD")?.Total ?? 0m, facts, slices);
    }
}
