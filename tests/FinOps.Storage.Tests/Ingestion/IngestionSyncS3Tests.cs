using System.Security.Cryptography;
using FinOps.Core.Ingestion;
using FinOps.Core.Query;
using FinOps.Storage.Costs;
using FinOps.Storage.Import;
using FinOps.Storage.Ingestion;
using FinOps.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static FinOps.Storage.Tests.Ingestion.AwsExportWriter;

namespace FinOps.Storage.Tests.Ingestion;

/// <summary>Syncs AWS Data Exports (FOCUS) laid out as AWS documents them, from the s3rver emulator on loopback, with AWSSDK.S3.</summary>
public sealed class IngestionSyncS3Tests : IClassFixture<S3EmulatorFixture>, IDisposable
{
    private const string SourceName = "aws-prod";
    private static readonly DateRange JanuaryToMarch = new(new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 1));
    private readonly S3Emulator _s3;
    private readonly TestDatabase _db = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 2, 3, 8, 0, 0, TimeSpan.Zero));
    private readonly SqliteCostStore _store;
    private readonly CostImporter _importer;

    public IngestionSyncS3Tests(S3EmulatorFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        _s3 = fixture.Emulator;
        _store = new SqliteCostStore(_db.Database, new TagTeamAssignment());
        _importer = new CostImporter(_db.Database, new FocusFileReader(), _store, _time, NullLogger<CostImporter>.Instance);
    }

    public void Dispose()
    {
        _importer.Dispose();
        _store.Dispose();
        _db.Dispose();
    }

    [Fact]
    public async Task SyncAsync_FirstSync_ImportsEveryPartOfTheRunAndRecordsFreshness()
    {
        var (bucket, export) = await NewExportAsync();
        await export.DeliverAsync("2026-01", "exec-1", Gzip(Rows("2026-01", 3, 10m, "i-a")), Gzip(Rows("2026-01", 3, 5m, "i-b")));
        using var sync = Sync(bucket, export);

        var result = Assert.Single(await sync.SyncAsync(null, null, CancellationToken.None));

        Assert.Equal(("ok", 1, 0, 0, 6L), (result.Status, result.Imported, result.Rejected, result.Unchanged, result.Rows));
        Assert.Equal(45m, await TotalAsync());
        var status = Assert.Single(await sync.GetStatusAsync(CancellationToken.None));
        Assert.Equal(("ok", "exec-1"), (status.Status, status.LastRunId));
        Assert.Equal($"s3://{bucket}/{export.SourcePrefix}/ at {_s3.ServiceUrl}", status.Location);
        var account = Assert.Single(status.Freshness);
        Assert.Equal(("AWS", "111122223333", new DateOnly(2026, 1, 3), new DateOnly(2026, 1, 2)), (account.Provider, account.BillingAccountId, account.LastChargeDay, account.LastCompleteDay));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Path.GetDirectoryName(_db.Database.DatabasePath)!, "ingestion"), "*.gz", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task SyncAsync_UnchangedSecondSync_ReadsAndImportsNothing()
    {
        var (bucket, export) = await NewExportAsync();
        await export.DeliverAsync("2026-01", "exec-1", Gzip(Rows("2026-01", 3, 10m, "i-a")));
        using var sync = Sync(bucket, export);
        await sync.SyncAsync(null, null, CancellationToken.None);
        var imports = (await _importer.GetImportHistoryAsync(CancellationToken.None)).Count;

        var again = Assert.Single(await sync.SyncAsync(SourceName, null, CancellationToken.None));

        Assert.Equal(("ok", 0, 0, 1), (again.Status, again.Imported, again.Rejected, again.Unchanged));
        Assert.Equal(imports, (await _importer.GetImportHistoryAsync(CancellationToken.None)).Count);
        Assert.Equal(30m, await TotalAsync());
    }

    [Fact]
    public async Task GetStatusAsync_NothingNewForLongerThanTheCadence_IsStaleUntilNewDataArrives()
    {
        var (bucket, export) = await NewExportAsync();
        await export.DeliverAsync("2026-01", "exec-1", Gzip(Rows("2026-01", 3, 10m, "i-a")));
        using var sync = Sync(bucket, export);
        Assert.False(Assert.Single(await sync.GetStatusAsync(CancellationToken.None)).IsStale);
        await sync.SyncAsync(null, null, CancellationToken.None);

        _time.Advance(TimeSpan.FromHours(23));
        await sync.SyncAsync(null, null, CancellationToken.None);
        var withinCadence = Assert.Single(await sync.GetStatusAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromHours(2));
        await sync.SyncAsync(null, null, CancellationToken.None);
        var late = Assert.Single(await sync.GetStatusAsync(CancellationToken.None));
        await export.DeliverAsync("2026-01", "exec-2", Gzip(Rows("2026-01", 4, 10m, "i-a")));
        await sync.SyncAsync(null, null, CancellationToken.None);
        var caughtUp = Assert.Single(await sync.GetStatusAsync(CancellationToken.None));

        Assert.Equal((false, true, false), (withinCadence.IsStale, late.IsStale, caughtUp.IsStale));
        Assert.Equal(new DateTimeOffset(2026, 2, 3, 8, 0, 0, TimeSpan.Zero), late.LastNewDataAt);
    }

    [Fact]
    public async Task SyncAsync_NewDaysRunOverwritesTheExport_ReplacesThePeriodNotAddsToIt()
    {
        var (bucket, export) = await NewExportAsync();
        await export.DeliverAsync("2026-01", "exec-1", Gzip(Rows("2026-01", 2, 10m, "i-a")), Gzip(Rows("2026-01", 2, 1m, "i-b")));
        using var sync = Sync(bucket, export);
        await sync.SyncAsync(null, null, CancellationToken.None);

        // The next day's refresh rewrites the same keys: part 2 is byte for byte the same, part 1 has one day more.
        await export.DeliverAsync("2026-01", "exec-2", Gzip(Rows("2026-01", 3, 10m, "i-a")), Gzip(Rows("2026-01", 2, 1m, "i-b")));
        var result = Assert.Single(await sync.SyncAsync(null, null, CancellationToken.None));

        Assert.Equal((1, 0), (result.Imported, result.Unchanged));
        Assert.Equal(32m, await TotalAsync());
        var status = Assert.Single(await sync.GetStatusAsync(CancellationToken.None));
        Assert.Equal("exec-2", status.LastRunId);
        Assert.Equal(new DateOnly(2026, 1, 2), Assert.Single(status.Freshness).LastCompleteDay);
    }

    [Fact]
    public async Task SyncAsync_RestatedEarlierMonth_ReplacesOnlyThatMonth()
    {
        var (bucket, export) = await NewExportAsync();
        await export.DeliverAsync("2026-01", "exec-jan", Gzip(Rows("2026-01", 31, 1m, "i-a")));
        await export.DeliverAsync("2026-02", "exec-feb", Gzip(Rows("2026-02", 2, 100m, "i-a")));
        using var sync = Sync(bucket, export);
        Assert.Equal(2, Assert.Single(await sync.SyncAsync(null, null, CancellationToken.None)).Imported);

        await export.DeliverAsync("2026-01", "exec-jan-restated", Gzip(Rows("2026-01", 31, 2m, "i-a")));
        var result = Assert.Single(await sync.SyncAsync(null, null, CancellationToken.None));

        Assert.Equal((1, 1), (result.Imported, result.Unchanged));
        Assert.Equal(62m, await TotalAsync(new DateRange(new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1))));
        Assert.Equal(200m, await TotalAsync(new DateRange(new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 1))));
        // January closed with its last day, so it is complete through Jan 31; February's data reaches Feb 2.
        Assert.Equal(new DateOnly(2026, 2, 1), Assert.Single(Assert.Single(await sync.GetStatusAsync(CancellationToken.None)).Freshness).LastCompleteDay);
    }

    [Fact]
    public async Task SyncAsync_CorruptPart_RejectsTheRunKeepsPreviousDataAndRetriesOnlyWhenItChanges()
    {
        var (bucket, export) = await NewExportAsync();
        await export.DeliverAsync("2026-01", "exec-1", Gzip(Rows("2026-01", 2, 10m, "i-a")), Gzip(Rows("2026-01", 2, 1m, "i-b")));
        using var sync = Sync(bucket, export);
        await sync.SyncAsync(null, null, CancellationToken.None);

        var cut = Gzip(Rows("2026-01", 3, 1m, "i-b"));
        await export.DeliverAsync("2026-01", "exec-2", Gzip(Rows("2026-01", 3, 10m, "i-a")), cut[..(cut.Length / 2)]);
        var rejected = Assert.Single(await sync.SyncAsync(null, null, CancellationToken.None));

        Assert.Equal(("rejected", 0, 1), (rejected.Status, rejected.Imported, rejected.Rejected));
        var error = Assert.Single(rejected.Errors);
        Assert.StartsWith($"source '{SourceName}': run exec-2 rejected, the previous data is kept: ", error, StringComparison.Ordinal);
        Assert.Contains(export.PartKey("2026-01", 2)[(export.SourcePrefix.Length + 1)..], error, StringComparison.Ordinal);
        Assert.Equal(22m, await TotalAsync());
        var status = Assert.Single(await sync.GetStatusAsync(CancellationToken.None));
        Assert.Equal(("rejected", "exec-1", error), (status.Status, status.LastRunId, status.Error));
        var history = await _importer.GetImportHistoryAsync(CancellationToken.None);
        Assert.Equal(2, history.TakeWhile(h => h.Status == ImportStatus.Failed).Count());

        var unchanged = Assert.Single(await sync.SyncAsync(null, null, CancellationToken.None));
        Assert.Equal((0, 0, 1), (unchanged.Imported, unchanged.Rejected, unchanged.Unchanged));

        await export.DeliverAsync("2026-01", "exec-2", Gzip(Rows("2026-01", 3, 10m, "i-a")), cut);
        var fixedRun = Assert.Single(await sync.SyncAsync(null, null, CancellationToken.None));
        Assert.Equal(("ok", 1), (fixedRun.Status, fixedRun.Imported));
        Assert.Equal(33m, await TotalAsync());
    }

    [Fact]
    public async Task SyncAsync_ImportHistory_NamesEachPartBySourceAndObjectKeyNotByItsStagedCopy()
    {
        var (bucket, export) = await NewExportAsync();
        await export.DeliverAsync("2026-01", "exec-1", Gzip(Rows("2026-01", 2, 10m, "i-a")), Gzip(Rows("2026-01", 2, 1m, "i-b")));
        using var sync = Sync(bucket, export);
        await sync.SyncAsync(null, null, CancellationToken.None);
        var cut = Gzip(Rows("2026-01", 3, 1m, "i-b"));
        await export.DeliverAsync("2026-01", "exec-2", Gzip(Rows("2026-01", 3, 10m, "i-a")), cut[..(cut.Length / 2)]);
        await sync.SyncAsync(null, null, CancellationToken.None);

        var history = await _importer.GetImportHistoryAsync(CancellationToken.None);

        string Name(int part) => $"{SourceName}:{export.PartKey("2026-01", part)}";
        Assert.Equal(
            [(Name(2), ImportStatus.Failed), (Name(1), ImportStatus.Failed), (Name(2), ImportStatus.Imported), (Name(1), ImportStatus.Imported)],
            history.Select(h => (h.FilePath, h.Status)));
        var staging = Path.Combine(Path.GetDirectoryName(_db.Database.DatabasePath)!, "ingestion");
        Assert.All(history, h => Assert.DoesNotContain(staging, h.Error ?? string.Empty, StringComparison.Ordinal));
        Assert.Contains(Name(2), history[0].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncAsync_PartListedButNotDelivered_RejectsTheRunNamingThePart()
    {
        var (bucket, export) = await NewExportAsync();
        await export.DeliverAsync("2026-01", "exec-1", Gzip(Rows("2026-01", 2, 10m, "i-a")));
        using var sync = Sync(bucket, export);
        await sync.SyncAsync(null, null, CancellationToken.None);

        await export.PutManifestAsync("2026-01", "exec-2", [export.PartKey("2026-01", 1), export.PartKey("2026-01", 2)]);
        var result = Assert.Single(await sync.SyncAsync(null, null, CancellationToken.None));

        var error = Assert.Single(result.Errors);
        Assert.Contains("lists 1 part(s) that are not in the source: s3://" + bucket + "/" + export.PartKey("2026-01", 2), error, StringComparison.Ordinal);
        Assert.Equal(20m, await TotalAsync());
    }

    [Fact]
    public async Task SyncAsync_WrongCredentials_OneClearErrorNamingTheSourceAndNoSecret()
    {
        var (bucket, export) = await NewExportAsync();
        await export.DeliverAsync("2026-01", "exec-1", Gzip(Rows("2026-01", 2, 10m, "i-a")));
        // s3rver checks the access key id but not SigV4 signatures, so the wrong pair is refused by its key id.
        var keyId = "AKIA" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(30));
        using var sync = Sync(bucket, export, keyId, secret);

        var result = Assert.Single(await sync.SyncAsync(null, null, CancellationToken.None));

        Assert.Equal(("failed", 0), (result.Status, result.Imported));
        var error = Assert.Single(result.Errors);
        Assert.Equal(
            $"source '{SourceName}': cannot list s3://{bucket}/{export.SourcePrefix}/: the credentials were refused (InvalidAccessKeyId); " +
            "check Credentials:AccessKeyId and Credentials:SecretAccessKey of this source.",
            error);
        Assert.DoesNotContain(secret, error, StringComparison.Ordinal);
        var status = Assert.Single(await sync.GetStatusAsync(CancellationToken.None));
        Assert.Equal(("failed", error), (status.Status, status.Error));
        Assert.Equal(0m, await TotalAsync());
    }

    [Fact]
    public async Task SyncAsync_CrashBeforeARunCommits_NextSyncImportsItOnceWithoutDoubleCounting()
    {
        var (bucket, export) = await NewExportAsync();
        await export.DeliverAsync("2026-01", "exec-1", Gzip(Rows("2026-01", 2, 10m, "i-a")));
        using (var first = Sync(bucket, export))
        {
            await first.SyncAsync(null, null, CancellationToken.None);
        }

        await export.DeliverAsync("2026-01", "exec-2", Gzip(Rows("2026-01", 3, 10m, "i-a")), Gzip(Rows("2026-01", 3, 1m, "i-b")));
        using (var crashing = Sync(bucket, export))
        {
            // The process dies with every part of the run written into the open transaction, before it commits.
            crashing.BeforeRunCommit = (_, _) => throw new SimulatedCrashException();
            await Assert.ThrowsAsync<SimulatedCrashException>(() => crashing.SyncAsync(null, null, CancellationToken.None));
        }

        Assert.Equal(20m, await TotalAsync());
        using var restarted = Sync(bucket, export);
        var result = Assert.Single(await restarted.SyncAsync(null, null, CancellationToken.None));
        var again = Assert.Single(await restarted.SyncAsync(null, null, CancellationToken.None));

        Assert.Equal((1, 0), (result.Imported, again.Imported));
        Assert.Equal(33m, await TotalAsync());
        Assert.Equal("exec-2", Assert.Single(await restarted.GetStatusAsync(CancellationToken.None)).LastRunId);
    }

    [Fact]
    public async Task SyncAsync_CrashWhileDownloadingAPart_NextSyncImportsTheRunOnce()
    {
        var (bucket, export) = await NewExportAsync();
        await export.DeliverAsync("2026-01", "exec-1", Gzip(Rows("2026-01", 2, 10m, "i-a")), Gzip(Rows("2026-01", 2, 1m, "i-b")));
        await export.DeliverAsync("2026-02", "exec-feb", Gzip(Rows("2026-02", 2, 3m, "i-a")), Gzip(Rows("2026-02", 2, 4m, "i-b")));
        var source = Source(bucket, export, S3Emulator.AccessKeyId, S3Emulator.SecretAccessKey);
        var dyingStores = new CrashingStoreFactory(new ExportStoreFactory(), crashOnKey: export.PartKey("2026-02", 2)[(export.SourcePrefix.Length + 1)..]);
        using (var crashing = new IngestionSync(Options(source), _db.Database, _importer, dyingStores, _time, NullLogger<IngestionSync>.Instance))
        {
            await Assert.ThrowsAsync<SimulatedCrashException>(() => crashing.SyncAsync(null, null, CancellationToken.None));
        }

        Assert.Equal(22m, await TotalAsync());
        using var restarted = Sync(bucket, export);
        var result = Assert.Single(await restarted.SyncAsync(null, null, CancellationToken.None));

        Assert.Equal((1, 1), (result.Imported, result.Unchanged));
        Assert.Equal(36m, await TotalAsync());
    }

    [Fact]
    public async Task CopyToAsync_ListedVersion_CopiesEveryByte()
    {
        var (bucket, export) = await NewExportAsync();
        var body = Gzip(Rows("2026-01", 40, 10m, "i-a"));
        await export.DeliverAsync("2026-01", "exec-1", body);
        using var store = new ExportStoreFactory().Create(Source(bucket, export, S3Emulator.AccessKeyId, S3Emulator.SecretAccessKey));
        var part = await ListedPartAsync(store, export.PartKey("2026-01", 1)[(export.SourcePrefix.Length + 1)..]);
        using var copy = new MemoryStream();

        await store.CopyToAsync(part, copy, CancellationToken.None);

        Assert.Equal(body, copy.ToArray());
    }

    [Fact]
    public async Task CopyToAsync_ObjectRewrittenAfterListing_ThrowsNamingTheObjectAndCopiesNothing()
    {
        var (bucket, export) = await NewExportAsync();
        await export.DeliverAsync("2026-01", "exec-1", Gzip(Rows("2026-01", 2, 10m, "i-a")));
        using var store = new ExportStoreFactory().Create(Source(bucket, export, S3Emulator.AccessKeyId, S3Emulator.SecretAccessKey));
        var key = export.PartKey("2026-01", 1);
        var part = await ListedPartAsync(store, key[(export.SourcePrefix.Length + 1)..]);
        // Longer than the listed size, so a plain ranged GET would return the listed number of bytes of the new content.
        await _s3.PutAsync(bucket, key, Gzip(Rows("2026-01", 40, 99m, "i-z")));
        using var copy = new MemoryStream();

        var error = await Assert.ThrowsAsync<ExportSourceException>(() => store.CopyToAsync(part, copy, CancellationToken.None));

        Assert.Contains($"s3://{bucket}/{key} changed after it was listed", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, copy.Length);
    }

    private static async Task<ExportObject> ListedPartAsync(IExportStore store, string key)
    {
        await foreach (var item in store.ListAsync(CancellationToken.None))
        {
            if (item.Key == key)
            {
                return item;
            }
        }

        throw new InvalidOperationException($"{key} is not listed");
    }

    private async Task<(string Bucket, AwsExportWriter Export)> NewExportAsync()
    {
        var bucket = await _s3.CreateBucketAsync();
        return (bucket, new AwsExportWriter(bucket, "focus", "cost-and-usage", (key, bytes) => _s3.PutAsync(bucket, key, bytes)));
    }

    private IngestionSourceOptions Source(string bucket, AwsExportWriter export, string accessKeyId, string secretAccessKey) => new()
    {
        Name = SourceName,
        Kind = IngestionSourceKind.AwsS3,
        Location = { Bucket = bucket, Prefix = export.SourcePrefix, ServiceUrl = _s3.ServiceUrl },
        Credentials = { AccessKeyId = accessKeyId, SecretAccessKey = secretAccessKey },
    };

    private static IOptions<IngestionOptions> Options(IngestionSourceOptions source) =>
        Microsoft.Extensions.Options.Options.Create(new IngestionOptions { Sources = [source] });

    private IngestionSync Sync(string bucket, AwsExportWriter export, string accessKeyId = S3Emulator.AccessKeyId, string secretAccessKey = S3Emulator.SecretAccessKey) =>
        new(Options(Source(bucket, export, accessKeyId, secretAccessKey)), _db.Database, _importer, _time, NullLogger<IngestionSync>.Instance);

    private async Task<decimal> TotalAsync(DateRange? period = null)
    {
        var result = await _store.QueryAsync(new CostQuery { Period = period ?? JanuaryToMarch }, CancellationToken.None);
        return result.ByCurrency.FirstOrDefault(c => c.Currency == "USD")?.Total ?? 0m;
    }
}
