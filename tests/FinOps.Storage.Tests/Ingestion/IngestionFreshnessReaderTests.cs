using FinOps.Core.Ingestion;
using FinOps.Core.Query;
using FinOps.Storage.Costs;
using FinOps.Storage.Import;
using FinOps.Storage.Ingestion;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static FinOps.Storage.Tests.Ingestion.AwsExportWriter;

namespace FinOps.Storage.Tests.Ingestion;

/// <summary>Issue 17: the syncs' records read as the Core freshness that answers, digests and /readyz show.</summary>
public sealed class IngestionFreshnessReaderTests : IDisposable
{
    private readonly TestDatabase _db = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 20, 8, 0, 0, TimeSpan.Zero));
    private readonly SqliteCostStore _store;
    private readonly CostImporter _importer;
    private readonly string _folder;

    public IngestionFreshnessReaderTests()
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
    public async Task GetAsync_NoSourceConfigured_IsEmpty()
    {
        using var sync = Sync([]);

        Assert.Empty(await new IngestionFreshnessReader(sync).GetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task GetAsync_BeforeTheFirstSync_ListsTheSourceWithNoAccounts()
    {
        using var sync = Sync([Source()]);

        var source = Assert.Single(await new IngestionFreshnessReader(sync).GetAsync(CancellationToken.None));

        Assert.Equal(("local", "never synced", false, null), (source.Source, source.Status, source.IsStale, source.LastSyncAt));
        Assert.Empty(source.Accounts);
        Assert.Equal(TimeSpan.FromHours(6), source.ExpectedCadence);
    }

    [Fact]
    public async Task GetAsync_AfterASync_GivesEachAccountsLastCompleteDayAndLaterTheStaleFlag()
    {
        var export = new AwsExportWriter("bucket", "focus", "cost-export", WriteAsync);
        await export.DeliverAsync("2026-01", "exec-1", Gzip(Rows("2026-01", 19, 4m, "i-a")), Gzip(Rows("2026-01", 18, 1m, "i-b", account: "444455556666")));
        using var sync = Sync([Source()]);
        var reader = new IngestionFreshnessReader(sync);
        Assert.Equal("ok", Assert.Single(await sync.SyncAsync(null, null, CancellationToken.None)).Status);

        var source = Assert.Single(await reader.GetAsync(CancellationToken.None));

        Assert.Equal(("ok", false), (source.Status, source.IsStale));
        Assert.Collection(
            source.Accounts,
            a => Assert.Equal(("AWS", "111122223333", new DateOnly(2026, 1, 19), new DateOnly(2026, 1, 18)), (a.Provider, a.BillingAccountId, a.LastChargeDay, a.LastCompleteDay)),
            a => Assert.Equal(("AWS", "444455556666", new DateOnly(2026, 1, 18), new DateOnly(2026, 1, 17)), (a.Provider, a.BillingAccountId, a.LastChargeDay, a.LastCompleteDay)));

        _time.Advance(TimeSpan.FromHours(7));
        await sync.SyncAsync(null, null, CancellationToken.None);
        Assert.True(Assert.Single(await reader.GetAsync(CancellationToken.None)).IsStale);
    }

    private IngestionSourceOptions Source() =>
        new() { Name = "local", Kind = IngestionSourceKind.LocalFolder, Location = { Path = _folder }, ExpectedCadence = TimeSpan.FromHours(6) };

    private async Task WriteAsync(string key, byte[] content)
    {
        var path = Path.Combine(_folder, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, content);
    }

    private IngestionSync Sync(IngestionSourceOptions[] sources) => new(
        Microsoft.Extensions.Options.Options.Create(new IngestionOptions { Sources = sources }),
        _db.Database,
        _importer,
        _time,
        NullLogger<IngestionSync>.Instance);
}
