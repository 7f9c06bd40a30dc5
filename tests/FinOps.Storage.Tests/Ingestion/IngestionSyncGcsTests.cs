using FinOps.Core.Ingestion;
using FinOps.Core.Query;
using FinOps.Storage.Costs;
using FinOps.Storage.Import;
using FinOps.Storage.Ingestion;
using FinOps.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static FinOps.Storage.Tests.Ingestion.BigQueryExportWriter;

namespace FinOps.Storage.Tests.Ingestion;

/// <summary>
/// Syncs FOCUS data exported from BigQuery to Cloud Storage (run folders closed by <c>_SUCCESS</c>) with Google.Cloud.Storage.V1,
/// from a fake of the Cloud Storage JSON API on loopback (no emulator installs here); the service-account key is generated per test
/// and the client's real OAuth flow signs its JWT assertion with it.
/// </summary>
public sealed class IngestionSyncGcsTests : IClassFixture<FakeGcsServerFixture>, IDisposable
{
    private const string SourceName = "gcp-billing";
    private const string Prefix = "focus/billing-export";
    private static readonly DateRange JanuaryToMarch = new(new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 1));
    private readonly FakeGcsServer _gcs;
    private readonly TestDatabase _db = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 2, 3, 8, 0, 0, TimeSpan.Zero));
    private readonly SqliteCostStore _store;
    private readonly CostImporter _importer;
    private readonly string _account = $"finops-{Guid.NewGuid():N}"[..20] + "@finops-test.iam.gserviceaccount.com";
    private readonly string _key;
    private readonly string _bucket;
    private readonly BigQueryExportWriter _export;

    public IngestionSyncGcsTests(FakeGcsServerFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        _gcs = fixture.Server;
        _store = new SqliteCostStore(_db.Database, new TagTeamAssignment());
        _importer = new CostImporter(_db.Database, new FocusFileReader(), _store, _time, NullLogger<CostImporter>.Instance);
        _key = _gcs.CreateServiceAccount(_account);
        _bucket = _gcs.CreateBucket(_account);
        _export = new BigQueryExportWriter(Prefix, (key, bytes) => _gcs.PutAsync(_bucket, key, bytes));
    }

    public void Dispose()
    {
        _importer.Dispose();
        _store.Dispose();
        _db.Dispose();
    }

    [Fact]
    public async Task SyncAsync_FirstSync_ImportsEveryPartOfTheRunThroughTheOAuthFlowAndRecordsFreshness()
    {
        await _export.DeliverAsync("2026-01", "run-20260104", Gzip(Rows("2026-01", 3, 10m, "vm-a")), Gzip(Rows("2026-01", 3, 5m, "vm-b")));
        var (tokens, pages) = (_gcs.TokensIssued, _gcs.ListPages);
        using var sync = Sync();

        var result = Assert.Single(await sync.SyncAsync(null, null, CancellationToken.None));

        Assert.Equal(("ok", 1, 0, 0, 6L), (result.Status, result.Imported, result.Rejected, result.Unchanged, result.Rows));
        Assert.Equal(45m, await TotalAsync());
        var status = Assert.Single(await sync.GetStatusAsync(CancellationToken.None));
        Assert.Equal(("ok", "2026-01/run-20260104"), (status.Status, status.LastRunId));
        Assert.Equal($"gs://{_bucket}/{Prefix}/ at {_gcs.Endpoint}", status.Location);
        var account = Assert.Single(status.Freshness);
        Assert.Equal(("Google Cloud", BillingAccount, new DateOnly(2026, 1, 3), new DateOnly(2026, 1, 2)), (account.Provider, account.BillingAccountId, account.LastChargeDay, account.LastCompleteDay));
        // The key signed a JWT the token endpoint verified, for the read-only scope; three objects at two a page took two pages.
        Assert.Equal(tokens + 1, _gcs.TokensIssued);
        Assert.Equal("https://www.googleapis.com/auth/devstorage.read_only", _gcs.LastScope);
        Assert.Equal(pages + 2, _gcs.ListPages);
        Assert.Equal(
            [$"{SourceName}:{_export.PartKey("2026-01", "run-20260104", 1)}", $"{SourceName}:{_export.PartKey("2026-01", "run-20260104", 0)}"],
            (await _importer.GetImportHistoryAsync(CancellationToken.None)).Select(h => h.FilePath));
    }

    [Fact]
    public async Task SyncAsync_KeyGivenAsAFilePath_ReadsTheKeyFromTheFile()
    {
        await _export.DeliverAsync("2026-01", "run-1", Gzip(Rows("2026-01", 2, 10m, "vm-a")));
        var path = Path.Combine(Path.GetDirectoryName(_db.Database.DatabasePath)!, "key.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, _key);
        var source = Source();
        source.Credentials.ServiceAccountKeyJson = null;
        source.Credentials.ServiceAccountKeyPath = path;
        using var sync = new IngestionSync(Options(source), _db.Database, _importer, _time, NullLogger<IngestionSync>.Instance);

        var result = Assert.Single(await sync.SyncAsync(null, null, CancellationToken.None));

        Assert.Equal(("ok", 1), (result.Status, result.Imported));
        Assert.Equal(20m, await TotalAsync());
    }

    [Fact]
    public async Task SyncAsync_UnchangedSecondSync_ReadsAndImportsNothing()
    {
        await _export.DeliverAsync("2026-01", "run-1", Gzip(Rows("2026-01", 3, 10m, "vm-a")));
        using var sync = Sync();
        await sync.SyncAsync(null, null, CancellationToken.None);
        var imports = (await _importer.GetImportHistoryAsync(CancellationToken.None)).Count;

        var again = Assert.Single(await sync.SyncAsync(SourceName, null, CancellationToken.None));

        Assert.Equal(("ok", 0, 0, 1), (again.Status, again.Imported, again.Rejected, again.Unchanged));
        Assert.Equal(imports, (await _importer.GetImportHistoryAsync(CancellationToken.None)).Count);
        Assert.Equal(30m, await TotalAsync());
    }

    [Fact]
    public async Task SyncAsync_NewDaysRun_ReplacesThePeriodNotAddsToIt()
    {
        await _export.DeliverAsync("2026-01", "run-1", Gzip(Rows("2026-01", 2, 10m, "vm-a")), Gzip(Rows("2026-01", 2, 1m, "vm-b")));
        using var sync = Sync();
        await sync.SyncAsync(null, null, CancellationToken.None);

        await _export.DeliverAsync("2026-01", "run-2", Gzip(Rows("2026-01", 3, 10m, "vm-a")), Gzip(Rows("2026-01", 2, 1m, "vm-b")));
        var result = Assert.Single(await sync.SyncAsync(null, null, CancellationToken.None));

        Assert.Equal((1, 1), (result.Imported, result.Unchanged));
        Assert.Equal(32m, await TotalAsync());
        var status = Assert.Single(await sync.GetStatusAsync(CancellationToken.None));
        Assert.Equal("2026-01/run-2", status.LastRunId);
        Assert.Equal(new DateOnly(2026, 1, 2), Assert.Single(status.Freshness).LastCompleteDay);
    }

    [Fact]
    public async Task SyncAsync_FolderRewrittenInPlace_ReadsItAgainByItsNewGenerations()
    {
        await _export.DeliverAsync("2026-01", "latest", Gzip(Rows("2026-01", 2, 10m, "vm-a")));
        using var sync = Sync();
        await sync.SyncAsync(null, null, CancellationToken.None);

        // EXPORT DATA with overwrite=true into the same folder, then a new marker: same keys, new generations.
        await _export.DeliverAsync("2026-01", "latest", Gzip(Rows("2026-01", 4, 10m, "vm-a")));
        var result = Assert.Single(await sync.SyncAsync(null, null, CancellationToken.None));

        Assert.Equal((1, 0), (result.Imported, result.Unchanged));
        Assert.Equal(40m, await TotalAsync());
    }

    [Fact]
    public async Task SyncAsync_RestatedEarlierMonth_ReplacesOnlyThatMonth()
    {
        await _export.DeliverAsync("2026-01", "run-jan", Gzip(Rows("2026-01", 31, 1m, "vm-a")));
        await _export.DeliverAsync("2026-02", "run-feb", Gzip(Rows("2026-02", 2, 100m, "vm-a")));
        using var sync = Sync();
        Assert.Equal(2, Assert.Single(await sync.SyncAsync(null, null, CancellationToken.None)).Imported);

        await _export.DeliverAsync("2026-01", "run-jan-restated", Gzip(Rows("2026-01", 31, 2m, "vm-a")));
        var result = Assert.Single(await sync.SyncAsync(null, null, CancellationToken.None));

        Assert.Equal((1, 2), (result.Imported, result.Unchanged));
        Assert.Equal(62m, await TotalAsync(new DateRange(new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1))));
        Assert.Equal(200m, await TotalAsync(new DateRange(new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 1))));
    }

    [Fact]
    public async Task SyncAsync_RunFolderWithoutMarker_IsNotReadUntilTheMarkerArrives()
    {
        await _gcs.PutAsync(_bucket, _export.PartKey("2026-01", "run-1", 0), Gzip(Rows("2026-01", 2, 10m, "vm-a")));
        using var sync = Sync();

        var before = Assert.Single(await sync.SyncAsync(null, null, CancellationToken.None));
        await _export.CloseAsync("2026-01", "run-1");
        var after = Assert.Single(await sync.SyncAsync(null, null, CancellationToken.None));

        Assert.Equal((0, 0), (before.Imported, before.Unchanged));
        Assert.Equal(("ok", 1), (after.Status, after.Imported));
        Assert.Equal(20m, await TotalAsync());
    }

    [Fact]
    public async Task SyncAsync_CorruptPart_RejectsTheRunKeepsPreviousDataAndRetriesOnlyWhenItChanges()
    {
        await _export.DeliverAsync("2026-01", "run-1", Gzip(Rows("2026-01", 2, 10m, "vm-a")), Gzip(Rows("2026-01", 2, 1m, "vm-b")));
        using var sync = Sync();
        await sync.SyncAsync(null, null, CancellationToken.None);

        var cut = Gzip(Rows("2026-01", 3, 1m, "vm-b"));
        await _export.DeliverAsync("2026-01", "run-2", Gzip(Rows("2026-01", 3, 10m, "vm-a")), cut[..(cut.Length / 2)]);
        var rejected = Assert.Single(await sync.SyncAsync(null, null, CancellationToken.None));

        Assert.Equal(("rejected", 0, 1), (rejected.Status, rejected.Imported, rejected.Rejected));
        var error = Assert.Single(rejected.Errors);
        Assert.StartsWith($"source '{SourceName}': run 2026-01/run-2 rejected, the previous data is kept: ", error, StringComparison.Ordinal);
        Assert.Contains("focus-000000000001.csv.gz", error, StringComparison.Ordinal);
        Assert.Equal(22m, await TotalAsync());
        var unchanged = Assert.Single(await sync.SyncAsync(null, null, CancellationToken.None));
        Assert.Equal((0, 0, 2), (unchanged.Imported, unchanged.Rejected, unchanged.Unchanged));

        await _gcs.PutAsync(_bucket, _export.PartKey("2026-01", "run-2", 1), cut);
        var fixedRun = Assert.Single(await sync.SyncAsync(null, null, CancellationToken.None));
        Assert.Equal(("ok", 1), (fixedRun.Status, fixedRun.Imported));
        Assert.Equal(33m, await TotalAsync());
    }

    [Fact]
    public async Task SyncAsync_PartMissingBetweenDeliveredOnes_RejectsTheRunNamingThePart()
    {
        await _export.DeliverAsync("2026-01", "run-1", Gzip(Rows("2026-01", 2, 10m, "vm-a")));
        using var sync = Sync();
        await sync.SyncAsync(null, null, CancellationToken.None);

        await _gcs.PutAsync(_bucket, _export.PartKey("2026-01", "run-2", 0), Gzip(Rows("2026-01", 3, 10m, "vm-a")));
        await _gcs.PutAsync(_bucket, _export.PartKey("2026-01", "run-2", 2), Gzip(Rows("2026-01", 3, 1m, "vm-c")));
        await _export.CloseAsync("2026-01", "run-2");
        var result = Assert.Single(await sync.SyncAsync(null, null, CancellationToken.None));

        var error = Assert.Single(result.Errors);
        Assert.Equal(
            $"source '{SourceName}': run 2026-01/run-2 rejected, the previous data is kept: run folder 2026-01/run-2/ misses 1 part(s) " +
            "between the ones delivered: focus-000000000001.csv.gz.",
            error);
        Assert.Equal(20m, await TotalAsync());
    }

    [Fact]
    public async Task SyncAsync_KeyTheTokenEndpointDoesNotTrust_OneClearErrorNamingTheSourceAndNoSecret()
    {
        await _export.DeliverAsync("2026-01", "run-1", Gzip(Rows("2026-01", 2, 10m, "vm-a")));
        var forged = _gcs.ForgeKey(_account);
        var source = Source();
        source.Credentials.ServiceAccountKeyJson = forged;
        using var sync = new IngestionSync(Options(source), _db.Database, _importer, _time, NullLogger<IngestionSync>.Instance);

        var result = Assert.Single(await sync.SyncAsync(null, null, CancellationToken.None));

        Assert.Equal(("failed", 0), (result.Status, result.Imported));
        var error = Assert.Single(result.Errors);
        Assert.Equal(
            $"source '{SourceName}': cannot list gs://{_bucket}/{Prefix}/: the service-account key was refused (invalid_grant: Invalid JWT Signature.); " +
            "check Credentials:ServiceAccountKeyPath or Credentials:ServiceAccountKeyJson of this source.",
            error);
        Assert.DoesNotContain("PRIVATE KEY", error, StringComparison.Ordinal);
        var status = Assert.Single(await sync.GetStatusAsync(CancellationToken.None));
        Assert.Equal(("failed", error), (status.Status, status.Error));
        Assert.Equal(0m, await TotalAsync());
    }

    [Fact]
    public async Task SyncAsync_AccountWithoutAccessToTheBucket_AccessDeniedNamingTheSource()
    {
        await _export.DeliverAsync("2026-01", "run-1", Gzip(Rows("2026-01", 2, 10m, "vm-a")));
        var source = Source();
        source.Credentials.ServiceAccountKeyJson = _gcs.CreateServiceAccount("other@finops-test.iam.gserviceaccount.com");
        using var sync = new IngestionSync(Options(source), _db.Database, _importer, _time, NullLogger<IngestionSync>.Instance);

        var error = Assert.Single(Assert.Single(await sync.SyncAsync(null, null, CancellationToken.None)).Errors);

        Assert.Equal(
            $"source '{SourceName}': cannot list gs://{_bucket}/{Prefix}/: access denied (403); the account needs storage.objects.list and " +
            "storage.objects.get on the bucket (e.g. roles/storage.objectViewer).",
            error);
    }

    [Fact]
    public async Task SyncAsync_TokenRefusedByTheStorageApi_OneClearErrorNamingTheSource()
    {
        await _export.DeliverAsync("2026-01", "run-1", Gzip(Rows("2026-01", 2, 10m, "vm-a")));
        _gcs.DisableAccount(_account);
        using var sync = Sync();

        var result = Assert.Single(await sync.SyncAsync(null, null, CancellationToken.None));

        Assert.Equal(
            $"source '{SourceName}': cannot list gs://{_bucket}/{Prefix}/: the credentials were refused (401); " +
            "check Credentials:ServiceAccountKeyPath or Credentials:ServiceAccountKeyJson of this source.",
            Assert.Single(result.Errors));
        Assert.Equal(0m, await TotalAsync());
    }

    [Fact]
    public async Task SyncAsync_PartDamagedInTransit_FailsOnItsChecksumAndImportsItWhenItArrivesWhole()
    {
        await _export.DeliverAsync("2026-01", "run-1", Gzip(Rows("2026-01", 2, 10m, "vm-a")), Gzip(Rows("2026-01", 2, 1m, "vm-b")));
        var damaged = _export.PartKey("2026-01", "run-1", 1);
        _gcs.DamageInTransit(damaged);
        using var sync = Sync();

        var failed = Assert.Single(await sync.SyncAsync(null, null, CancellationToken.None));

        Assert.Equal(("failed", 0), (failed.Status, failed.Imported));
        var error = Assert.Single(failed.Errors);
        Assert.StartsWith($"source '{SourceName}': cannot read '{damaged}' from gs://{_bucket}/{Prefix}/: Incorrect hash", error, StringComparison.Ordinal);
        Assert.Equal(0m, await TotalAsync());
        // The run was not recorded: once the part arrives whole, the next sync imports it.
        _gcs.Repair(damaged);
        var result = Assert.Single(await sync.SyncAsync(null, null, CancellationToken.None));
        Assert.Equal(("ok", 1), (result.Status, result.Imported));
        Assert.Equal(22m, await TotalAsync());
    }

    [Fact]
    public async Task SyncAsync_KeyThatIsNotAServiceAccountKey_NamesTheSettingWithoutQuotingIt()
    {
        var source = Source();
        source.Credentials.ServiceAccountKeyJson = "{\"type\":\"service_account\",\"client_email\":\"x@y\",\"private_key\":\"not-a-key-s3cr3t\"}";
        using var sync = new IngestionSync(Options(source), _db.Database, _importer, _time, NullLogger<IngestionSync>.Instance);

        var error = Assert.Single(Assert.Single(await sync.SyncAsync(null, null, CancellationToken.None)).Errors);

        Assert.Equal(
            $"source '{SourceName}': Credentials:ServiceAccountKeyJson is not a Google service-account key (JSON with type 'service_account', client_email and private_key).",
            error);
    }

    private IngestionSourceOptions Source() => new()
    {
        Name = SourceName,
        Kind = IngestionSourceKind.Gcs,
        Location = { Bucket = _bucket, Prefix = Prefix, ServiceUrl = _gcs.Endpoint },
        Credentials = { ServiceAccountKeyJson = _key },
    };

    private static IOptions<IngestionOptions> Options(IngestionSourceOptions source) =>
        Microsoft.Extensions.Options.Options.Create(new IngestionOptions { Sources = [source] });

    private IngestionSync Sync() => new(Options(Source()), _db.Database, _importer, _time, NullLogger<IngestionSync>.Instance);

    private async Task<decimal> TotalAsync(DateRange? period = null)
    {
        var result = await _store.QueryAsync(new CostQuery { Period = period ?? JanuaryToMarch }, CancellationToken.None);
        return result.ByCurrency.FirstOrDefault(c => c.Currency == "USD")?.Total ?? 0m;
    }
}
