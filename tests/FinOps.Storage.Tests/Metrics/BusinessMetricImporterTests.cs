using FinOps.Core.Query;
using FinOps.Storage.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Storage.Tests.Metrics;

public sealed class BusinessMetricImporterTests : IDisposable
{
    private readonly TestDatabase _db = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));
    private readonly BusinessMetricImporter _importer;
    private readonly SqliteBusinessMetrics _metrics;

    public BusinessMetricImporterTests()
    {
        _importer = new BusinessMetricImporter(_db.Database, _time, NullLogger<BusinessMetricImporter>.Instance);
        _metrics = new SqliteBusinessMetrics(_db.Database);
    }

    public void Dispose() => _db.Dispose();

    private static readonly DateRange November = new(new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 1));

    [Fact]
    public async Task ImportFileAsync_GoodFileWithSeveralMetrics_StoresEveryValueAsDecimal()
    {
        var file = _db.File("m.csv", "date,metric,value,team\n2026-11-01,orders,1200,\n2026-11-02,Orders,1300.5,\n2026-11-01,transactions,1500,Payments\n2026-11-01,Active Users,90000,\n");

        var result = await _importer.ImportFileAsync(file, CancellationToken.None);

        Assert.Equal(BusinessMetricImportStatus.Imported, result.Status);
        Assert.Equal(4, result.Values);
        Assert.Equal(["active_users", "orders", "transactions"], result.Metrics);
        var orders = await _metrics.GetValuesAsync("orders", null, November, CancellationToken.None);
        Assert.Equal([1200m, 1300.5m], orders.Select(o => o.Value));
        var payments = await _metrics.GetValuesAsync("transactions", "payments", November, CancellationToken.None);
        Assert.Equal(1500m, Assert.Single(payments).Value);
        Assert.Empty(await _metrics.GetValuesAsync("transactions", null, November, CancellationToken.None));
        var series = await _metrics.GetSeriesAsync(CancellationToken.None);
        Assert.Equal(["active_users/", "orders/", "transactions/payments"], series.Select(s => s.Metric + "/" + s.Team));
    }

    [Theory]
    [InlineData("date,metric,value\n2026-11-01,orders,10\n2026-11-31,orders,12\n", "line 3, column 'date'", "ISO date")]
    [InlineData("date,metric,value\n2026-11-01,orders,10\n\n2026-11-02,orders,1e3\n", "line 4, column 'value'", "decimal")]
    [InlineData("date,metric,value\n2026-11-01,orders,-1\n", "line 2, column 'value'", "negative")]
    [InlineData("date,metric,value\n2026-11-01,orders,1\n2026-11-01,orders,2\n", "line 3", "already on line 2")]
    [InlineData("date,metric,amount\n2026-11-01,orders,1\n", "line 1, column 'amount'", "unknown column")]
    [InlineData("date,metric\n2026-11-01,orders\n", "line 1, column 'value'", "no such column")]
    [InlineData("date,metric,value\n2026-11-01,orders!,1\n", "line 2, column 'metric'", "not a metric name")]
    public async Task ImportFileAsync_BadLine_FailsNamingFileLineAndColumnAndStoresNothing(string content, string where, string problem)
    {
        var file = _db.File("bad.csv", content);

        var result = await _importer.ImportFileAsync(file, CancellationToken.None);

        Assert.Equal(BusinessMetricImportStatus.Failed, result.Status);
        Assert.StartsWith(file, result.Error);
        Assert.Contains(where, result.Error, StringComparison.Ordinal);
        Assert.Contains(problem, result.Error, StringComparison.Ordinal);
        Assert.Empty(await _metrics.GetSeriesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ImportFileAsync_BadLastLine_KeepsEarlierValuesOfTheStoreUntouched()
    {
        await _importer.ImportFileAsync(_db.File("a.csv", "date,metric,value\n2026-11-01,orders,100\n"), CancellationToken.None);

        var result = await _importer.ImportFileAsync(_db.File("b.csv", "date,metric,value\n2026-11-01,orders,999\n2026-11-02,orders,oops\n"), CancellationToken.None);

        Assert.Equal(BusinessMetricImportStatus.Failed, result.Status);
        Assert.Contains("line 3", result.Error, StringComparison.Ordinal);
        var orders = await _metrics.GetValuesAsync("orders", null, November, CancellationToken.None);
        Assert.Equal(100m, Assert.Single(orders).Value);
    }

    [Fact]
    public async Task ImportFileAsync_SameMetricDateAndTeamAgain_ReplacesAndCountsTheReplaced()
    {
        await _importer.ImportFileAsync(_db.File("a.csv", "date,metric,team,value\n2026-11-01,orders,,100\n2026-11-01,orders,checkout,60\n2026-11-02,orders,,110\n"), CancellationToken.None);

        var result = await _importer.ImportFileAsync(_db.File("b.csv", "date,metric,team,value\n2026-11-01,orders,,105\n2026-11-03,orders,,120\n"), CancellationToken.None);

        Assert.Equal(BusinessMetricImportStatus.Imported, result.Status);
        Assert.Equal(1, result.Replaced);
        var company = await _metrics.GetValuesAsync("orders", null, November, CancellationToken.None);
        Assert.Equal([105m, 110m, 120m], company.Select(o => o.Value));
        var checkout = await _metrics.GetValuesAsync("orders", "checkout", November, CancellationToken.None);
        Assert.Equal(60m, Assert.Single(checkout).Value);
    }

    [Fact]
    public async Task ImportFileAsync_SameBytesFromSamePath_IsUnchanged()
    {
        var file = _db.File("a.csv", "date,metric,value\n2026-11-01,orders,100\n");
        await _importer.ImportFileAsync(file, CancellationToken.None);

        var again = await _importer.ImportFileAsync(file, CancellationToken.None);

        Assert.Equal(BusinessMetricImportStatus.Unchanged, again.Status);
    }

    [Fact]
    public async Task ScanAsync_NewThenChangedFileInWatchedFolder_ImportsEachVersionOnce()
    {
        var options = Options.Create(new BusinessMetricsOptions());
        var folder = new BusinessMetricFolder(_importer, _db.Database, options, NullLogger<BusinessMetricFolder>.Instance);
        Directory.CreateDirectory(folder.Path);
        Assert.Equal(Path.Combine(Path.GetDirectoryName(_db.Database.DatabasePath)!, "metrics"), folder.Path);
        var file = Path.Combine(folder.Path, "daily.csv");
        await File.WriteAllTextAsync(file, "date,metric,value\n2026-11-01,orders,100\n");

        var first = await folder.ScanAsync(CancellationToken.None);
        var idle = await folder.ScanAsync(CancellationToken.None);
        await File.WriteAllTextAsync(file, "date,metric,value\n2026-11-01,orders,100\n2026-11-02,orders,90\n");
        var changed = await folder.ScanAsync(CancellationToken.None);

        Assert.Equal(BusinessMetricImportStatus.Imported, Assert.Single(first).Status);
        Assert.Empty(idle);
        Assert.Equal(1, Assert.Single(changed).Replaced);
        Assert.Equal(2, (await _metrics.GetValuesAsync("orders", null, November, CancellationToken.None)).Count);
    }
}
