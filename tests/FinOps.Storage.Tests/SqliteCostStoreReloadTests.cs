using FinOps.Core.Query;
using FinOps.Storage.Costs;
using FinOps.Storage.Import;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static FinOps.Storage.Tests.FakeFocusFileReader;

namespace FinOps.Storage.Tests;

/// <summary>A reload reads one consistent snapshot of the store and does not hold up questions: the old snapshot answers meanwhile.</summary>
public sealed class SqliteCostStoreReloadTests : IDisposable
{
    private static readonly CostQuery January = new() { Period = new DateRange(new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1)) };
    private readonly TestDatabase _db = new();
    private readonly FakeFocusFileReader _reader = new();
    private readonly SqliteCostStore _store;

    // The importer stands for another process: it has its own store instance.
    private readonly SqliteCostStore _otherProcessStore;
    private readonly CostImporter _otherProcess;

    public SqliteCostStoreReloadTests()
    {
        _store = new SqliteCostStore(_db.Database, new TagTeamAssignment());
        _otherProcessStore = new SqliteCostStore(_db.Database, new TagTeamAssignment());
        _otherProcess = new CostImporter(_db.Database, _reader, _otherProcessStore, new FakeTimeProvider(), NullLogger<CostImporter>.Instance);
    }

    public void Dispose()
    {
        _otherProcess.Dispose();
        _otherProcessStore.Dispose();
        _store.Dispose();
        _db.Dispose();
    }

    [Fact]
    public async Task RefreshAsync_ImportCommitsBetweenReads_SnapshotHoldsNoneOfIt()
    {
        await ImportAsync("first.csv", Row("2026-01-10", 5m));
        Assert.Equal(5m, await TotalAsync());
        var committed = false;
        _store.BetweenReads = async cancellationToken =>
        {
            if (!committed)
            {
                committed = true;

                // New dimension values and tag sets, committed after this load read the values and before it reads segments.
                await ImportAsync("second.csv", Row("2026-01-12", 7m, billingAccount: "222", service: "S3", resourceId: "bucket-1", tags: new() { ["team"] = "web" }));
            }
        };
        _store.Invalidate();

        await _store.RefreshAsync(CancellationToken.None);

        // One engine for both checks: a later query would see the new import and may already be answered from the next snapshot.
        var engine = await _store.GetEngineAsync(CancellationToken.None);
        Assert.True(committed);
        Assert.Empty(_store.DamagedSlices);
        Assert.Equal(5m, engine.Execute(January).Primary!.Total);
        Assert.Equal(["EC2"], engine.DimensionValues(Dimension.Service));

        await _store.RefreshAsync(CancellationToken.None);
        Assert.Equal(12m, await TotalAsync());
    }

    [Fact]
    public async Task QueryAsync_WhileReloading_AnsweredFromOldSnapshotThenSwapped()
    {
        await ImportAsync("first.csv", Row("2026-01-10", 5m));
        Assert.Equal(5m, await TotalAsync());
        var reloadStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finishReload = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _store.BetweenReads = async cancellationToken =>
        {
            reloadStarted.TrySetResult();
            await finishReload.Task;
        };
        await ImportAsync("second.csv", Row("2026-01-12", 7m, billingAccount: "222"));

        // The query sees the new import, starts the reload and is answered at once from the old snapshot.
        var during = await TotalAsync();
        await reloadStarted.Task;
        var stillDuring = await TotalAsync();
        finishReload.SetResult();
        await _store.RefreshAsync(CancellationToken.None);
        var after = await TotalAsync();

        Assert.Equal((5m, 5m, 12m), (during, stillDuring, after));
    }

    private async Task ImportAsync(string name, params Core.Focus.FocusRecord[] rows)
    {
        var path = _db.File(name, name);
        _reader.Serve(path, rows);
        var report = await _otherProcess.ImportAsync([path], CancellationToken.None);
        Assert.True(report.Succeeded, report.Files[0].Error);
    }

    private async Task<decimal> TotalAsync()
    {
        var currencies = (await _store.QueryAsync(January, CancellationToken.None)).ByCurrency;
        return currencies.Count == 0 ? 0m : currencies[0].Total;
    }
}
