using System.Security.Cryptography;
using Azure.Storage.Blobs;
using FinOps.Core.Ingestion;
using FinOps.Core.Query;
using FinOps.Storage.Costs;
using FinOps.Storage.Import;
using FinOps.Storage.Ingestion;
using FinOps.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static FinOps.Storage.Tests.Ingestion.AwsExportWriter;

namespace FinOps.Storage.Tests.Ingestion;

/// <summary>Syncs Azure Cost Management FOCUS export runs from Azurite's Blob service on loopback, with Azure.Storage.Blobs.</summary>
public sealed class IngestionSyncAzureTests : IClassFixture<AzuriteFixture>, IDisposable
{
    private const string SourceName = "azure-ea";
    private static readonly DateRange January = new(new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1));
    private readonly AzuriteEmulator _azurite;
    private readonly TestDatabase _db = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 20, 8, 0, 0, TimeSpan.Zero));
    private readonly SqliteCostStore _store;
    private readonly CostImporter _importer;

    public IngestionSyncAzureTests(AzuriteFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        _azurite = fixture.Emulator;
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
    public async Task SyncAsync_NewRunFolderEachDay_ImportsEachRunOnceAndTheLatestReplacesThePeriod()
    {
        var (container, export) = await NewExportAsync();
        await export.DeliverAsync("2026-01", "run-0001", Gzip(Rows("2026-01", 2, 4m, "vm-a", "ea-1")), Gzip(Rows("2026-01", 2, 1m, "vm-b", "ea-1")));
        using var sync = Sync(container, _azurite.ConnectionString());

        var first = Assert.Single(await sync.SyncAsync(null, null, CancellationToken.None));
        var unchanged = Assert.Single(await sync.SyncAsync(null, null, CancellationToken.None));
        await export.DeliverAsync("2026-01", "run-0002", Gzip(Rows("2026-01", 3, 4m, "vm-a", "ea-1")), Gzip(Rows("2026-01", 3, 1m, "vm-b", "ea-1")));
        var next = Assert.Single(await sync.SyncAsync(null, null, CancellationToken.None));

        Assert.Equal(("ok", 1, 4L), (first.Status, first.Imported, first.Rows));
        Assert.Equal((0, 1), (unchanged.Imported, unchanged.Unchanged));
        Assert.Equal((1, 1), (next.Imported, next.Unchanged));
        Assert.Equal(15m, await TotalAsync());
        var status = Assert.Single(await sync.GetStatusAsync(CancellationToken.None));
        Assert.Equal(("ok", "run-0002"), (status.Status, status.LastRunId));
        Assert.Equal($"{_azurite.BlobEndpoint}/{container}/{export.SourcePrefix}/", status.Location);
        Assert.Equal(new DateOnly(2026, 1, 2), Assert.Single(status.Freshness).LastCompleteDay);
    }

    [Fact]
    public async Task SyncAsync_CorruptPart_RejectsTheRunAndKeepsThePreviousRunsData()
    {
        var (container, export) = await NewExportAsync();
        await export.DeliverAsync("2026-01", "run-0001", Gzip(Rows("2026-01", 2, 4m, "vm-a", "ea-1")));
        using var sync = Sync(container, _azurite.ConnectionString());
        await sync.SyncAsync(null, null, CancellationToken.None);

        await export.DeliverAsync("2026-01", "run-0002", Gzip(Rows("2026-01", 3, 4m, "vm-a", "ea-1")), "not gzip at all"u8.ToArray());
        var result = Assert.Single(await sync.SyncAsync(null, null, CancellationToken.None));

        Assert.Equal(("rejected", 0, 1), (result.Status, result.Imported, result.Rejected));
        var error = Assert.Single(result.Errors);
        Assert.StartsWith($"source '{SourceName}': run run-0002 rejected, the previous data is kept: ", error, StringComparison.Ordinal);
        Assert.Contains(export.PartKey("2026-01", "run-0002", 1)[(export.SourcePrefix.Length + 1)..], error, StringComparison.Ordinal);
        Assert.Equal(8m, await TotalAsync());
    }

    [Fact]
    public async Task SyncAsync_WrongAccountKey_OneClearErrorNamingTheSourceAndNoSecret()
    {
        var (container, export) = await NewExportAsync();
        await export.DeliverAsync("2026-01", "run-0001", Gzip(Rows("2026-01", 2, 4m, "vm-a", "ea-1")));
        var wrongKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        using var sync = Sync(container, _azurite.ConnectionString(wrongKey));

        var result = Assert.Single(await sync.SyncAsync(null, null, CancellationToken.None));

        Assert.Equal(("failed", 0), (result.Status, result.Imported));
        Assert.Equal(
            $"source '{SourceName}': cannot list container '{container}' under 'costs/focus-daily/': the credentials were refused or lack permission (AuthorizationFailure); " +
            "check Credentials:ConnectionString or Credentials:SasUrl of this source (a SAS needs read and list).",
            Assert.Single(result.Errors));
        Assert.DoesNotContain(wrongKey, result.Errors[0], StringComparison.Ordinal);
        Assert.Equal(0m, await TotalAsync());
    }

    private async Task<(string Container, AzureExportWriter Export)> NewExportAsync()
    {
        var name = "exports-" + Guid.NewGuid().ToString("N")[..12];
        var container = new BlobContainerClient(_azurite.ConnectionString(), name);
        await container.CreateAsync();
        var export = new AzureExportWriter("costs", "focus-daily", async (key, bytes) => await container.GetBlobClient(key).UploadAsync(new BinaryData(bytes), overwrite: true));
        return (name, export);
    }

    private IngestionSync Sync(string container, string connectionString) => new(
        Microsoft.Extensions.Options.Options.Create(new IngestionOptions
        {
            Sources =
            [
                new IngestionSourceOptions
                {
                    Name = SourceName,
                    Kind = IngestionSourceKind.AzureBlob,
                    Location = { Container = container, Prefix = "costs/focus-daily" },
                    Credentials = { ConnectionString = connectionString },
                },
            ],
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
