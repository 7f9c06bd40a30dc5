using System.Text.Json;
using FinOps.Core.Ingestion;
using FinOps.Core.Query;
using FinOps.Storage.Costs;
using FinOps.Storage.Import;
using FinOps.Storage.Ingestion;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static FinOps.Storage.Tests.Ingestion.AwsExportWriter;

namespace FinOps.Storage.Tests.Ingestion;

/// <summary>Syncs a local folder holding exports as the clouds lay them out (AWS Data Exports, Azure Cost Management run folders).</summary>
public sealed class IngestionSyncLocalFolderTests : IDisposable
{
    private static readonly DateRange January = new(new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1));
    private readonly TestDatabase _db = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 20, 8, 0, 0, TimeSpan.Zero));
    private readonly SqliteCostStore _store;
    private readonly CostImporter _importer;
    private readonly string _folder;

    public IngestionSyncLocalFolderTests()
    {
        _store = new SqliteCostStore(_db.Database, new TagTeamAssignment());
        _importer = new CostImporter(_db.Database, new FocusFileReader(), _store, _time, NullLogger<CostImporter>.Instance);
        _folder = Path.Combine(_db.Folder, "exports");
        Directory.CreateDirectory(_folder);
    }

    public void Dispose()
    {
        _importer.Dispose();
        _store.Dispose();
        _db.Dispose();
    }

    [Fact]
    public async Task SyncAsync_CopyOfAnAwsExportFolder_ImportsTheRunByItsManifest()
    {
        // A copy of s3://bucket/focus/cost-export/: the manifest's URIs keep the bucket prefix the copy dropped.
        var export = new AwsExportWriter("bucket", "focus", "cost-export", WriteAsync);
        await export.DeliverAsync("2026-01", "exec-1", Gzip(Rows("2026-01", 2, 4m, "i-a")), Gzip(Rows("2026-01", 2, 1m, "i-b")));
        using var sync = Sync();

        var result = Assert.Single(await sync.SyncAsync(null, null, CancellationToken.None));

        Assert.Equal(("ok", 1, 4L), (result.Status, result.Imported, result.Rows));
        Assert.Equal(10m, await TotalAsync());
        Assert.Equal(0, Assert.Single(await sync.SyncAsync(null, null, CancellationToken.None)).Imported);
    }

    [Fact]
    public async Task SyncAsync_AzureRunFolderWithManifest_ImportsThePartsTheManifestNames()
    {
        // <root>/<export>/<YYYYMMDD-YYYYMMDD>/<runId>/part_N_0001.csv.gz beside manifest.json (blobs[].blobName, runInfo.runId).
        const string run = "costs/focus-daily/20260101-20260131/0f5e6b1c-6d1a-4b8e-9a3e-2c1d0e9f8a7b";
        await WriteAsync($"{run}/part_0_0001.csv.gz", Gzip(Rows("2026-01", 3, 2m, "vm-a", account: "azure-ea-1")));
        await WriteAsync($"{run}/part_1_0001.csv.gz", Gzip(Rows("2026-01", 3, 1m, "vm-b", account: "azure-ea-1")));
        await WriteAsync($"{run}/manifest.json", JsonSerializer.SerializeToUtf8Bytes(new
        {
            manifestVersion = "2024-04-01",
            byteCount = 0,
            blobCount = 2,
            dataRowCount = 6,
            exportConfig = new { exportName = "focus-daily", type = "FocusCost", dataVersion = "1.0r2", timeFrame = "MonthToDate", granularity = "Daily" },
            deliveryConfig = new { partitionData = true, dataOverwriteBehavior = "OverwritePreviousReport", fileFormat = "Csv", compressionMode = "gzip" },
            runInfo = new { executionType = "Scheduled", runId = "0f5e6b1c-6d1a-4b8e-9a3e-2c1d0e9f8a7b", startDate = "2026-01-01T00:00:00", endDate = "2026-01-31T00:00:00" },
            blobs = new[]
            {
                new { blobName = $"{run}/part_0_0001.csv.gz", byteCount = 0, dataRowCount = 3 },
                new { blobName = $"{run}/part_1_0001.csv.gz", byteCount = 0, dataRowCount = 3 },
            },
        }));
        using var sync = Sync();

        var result = Assert.Single(await sync.SyncAsync(null, null, CancellationToken.None));

        Assert.Equal(("ok", 1), (result.Status, result.Imported));
        Assert.Equal(9m, await TotalAsync());
        var status = Assert.Single(await sync.GetStatusAsync(CancellationToken.None));
        Assert.Equal("0f5e6b1c-6d1a-4b8e-9a3e-2c1d0e9f8a7b", status.LastRunId);
        Assert.Equal("azure-ea-1", Assert.Single(status.Freshness).BillingAccountId);
    }

    [Fact]
    public async Task SyncAsync_ManifestThatIsNotJson_RejectsTheRunNamingTheManifest()
    {
        await WriteAsync("focus/cost-export/metadata/BILLING_PERIOD=2026-01/cost-export-Manifest.json", "{ not json"u8.ToArray());
        using var sync = Sync();

        var result = Assert.Single(await sync.SyncAsync(null, null, CancellationToken.None));

        Assert.Equal("rejected", result.Status);
        Assert.Contains("manifest focus/cost-export/metadata/BILLING_PERIOD=2026-01/cost-export-Manifest.json is not valid JSON", Assert.Single(result.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncAsync_FolderMissing_FailsNamingTheSourceAndFolder()
    {
        var missing = Path.Combine(_folder, "nope");
        using var sync = Sync(missing);

        var result = Assert.Single(await sync.SyncAsync(null, null, CancellationToken.None));

        Assert.Equal($"source 'local': folder {missing} does not exist or cannot be read.", Assert.Single(result.Errors));
    }

    [Fact]
    public async Task SyncAsync_StagingLeftByAKilledSync_IsRemovedWhileARunningSyncsFolderIsKept()
    {
        var export = new AwsExportWriter("bucket", "focus", "cost-export", WriteAsync);
        await export.DeliverAsync("2026-01", "exec-1", Gzip(Rows("2026-01", 2, 4m, "i-a")));
        var root = Path.Combine(Path.GetDirectoryName(_db.Database.DatabasePath)!, "ingestion");
        var dead = Path.Combine(root, "local", "5d0c6f3e9a8b4c7d5d0c6f3e9a8b4c7d");
        Directory.CreateDirectory(Path.Combine(dead, "focus"));
        await File.WriteAllBytesAsync(Path.Combine(dead, "focus", "cost-export-00001.csv.gz"), Gzip(Rows("2026-01", 2, 4m, "i-a")));
        await File.WriteAllBytesAsync(dead + ".lock", []);
        // Another process's sync of another source, mid-download: its claim is held.
        using var running = new StagingArea(root).Claim("aws-prod");
        using var sync = Sync();

        var result = Assert.Single(await sync.SyncAsync(null, null, CancellationToken.None));

        Assert.Equal(("ok", 1), (result.Status, result.Imported));
        Assert.False(Directory.Exists(dead));
        Assert.False(File.Exists(dead + ".lock"));
        Assert.True(Directory.Exists(running.Path));
        Assert.Equal([Path.Combine(root, "aws-prod"), Path.Combine(root, "local")], Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal));
        Assert.Equal([running.Path], Directory.EnumerateDirectories(Path.Combine(root, "aws-prod")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(root, "local")));
    }

    [Fact]
    public async Task SyncAsync_CrashWhileTheNextRunIsDownloading_LeavesNoStagedFilesAndImportsBothRunsOnce()
    {
        var export = new AwsExportWriter("bucket", "focus", "cost-export", WriteAsync);
        await export.DeliverAsync("2025-12", "exec-dec", Gzip(Rows("2025-12", 2, 3m, "i-a")));
        await export.DeliverAsync("2026-01", "exec-jan", Gzip(Rows("2026-01", 2, 4m, "i-a")), Gzip(Rows("2026-01", 2, 1m, "i-b")));
        var staging = Path.Combine(Path.GetDirectoryName(_db.Database.DatabasePath)!, "ingestion");
        using (var crashing = Sync())
        {
            // December imports while January is fetched; December's commit dies, so January's prefetch is abandoned.
            crashing.BeforeRunCommit = (_, _) => throw new SimulatedCrashException();
            await Assert.ThrowsAsync<SimulatedCrashException>(() => crashing.SyncAsync(null, null, CancellationToken.None));
        }

        Assert.Empty(Directory.EnumerateFiles(staging, "*", SearchOption.AllDirectories));
        using var sync = Sync();
        var result = Assert.Single(await sync.SyncAsync(null, null, CancellationToken.None));

        Assert.Equal(("ok", 2, 6L), (result.Status, result.Imported, result.Rows));
        Assert.Equal(10m, await TotalAsync());
    }

    [Fact]
    public async Task SyncAsync_UnknownSourceName_ThrowsListingTheConfiguredOnes()
    {
        using var sync = Sync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => sync.SyncAsync("aws", null, CancellationToken.None));

        Assert.StartsWith("no ingestion source is named 'aws'; configured: local.", error.Message, StringComparison.Ordinal);
    }

    private async Task WriteAsync(string key, byte[] content)
    {
        var path = Path.Combine(_folder, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, content);
    }

    private IngestionSync Sync(string? folder = null) => new(
        Microsoft.Extensions.Options.Options.Create(new IngestionOptions
        {
            Sources = [new IngestionSourceOptions { Name = "local", Kind = IngestionSourceKind.LocalFolder, Location = { Path = folder ?? _folder } }],
        }),
        _db.Database,
        _importer,
        _time,
        NullLogger<IngestionSync>.Instance);

    private async Task<decimal> TotalAsync()
    {
        var result = await _store.QueryAsync(new CostQuery { Period = January }, CancellationToken.None);
        return result.ByCurrency.FirstOrDefault(c => c.Currency == "USD")?.Total ?? 0m;
    }
}
