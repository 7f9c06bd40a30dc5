using FinOps.Core.Anomalies;
using FinOps.Storage.Anomalies;
using FinOps.Storage.Data;

namespace FinOps.Storage.Tests.Anomalies;

/// <remarks>On SQLite; <see cref="PostgreSql.AnomalyAlertStorePostgreSqlTests"/> runs the same tests on PostgreSQL.</remarks>
public class SqliteAnomalyAlertStoreTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 21, 7, 30, 0, TimeSpan.Zero);
    private readonly TestDatabase _db;

    public SqliteAnomalyAlertStoreTests()
        : this(StorageProvider.Sqlite)
    {
    }

    protected SqliteAnomalyAlertStoreTests(StorageProvider provider) => _db = new TestDatabase(provider: provider);

    public void Dispose()
    {
        _db.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task FindAsync_AfterReopeningTheFile_SameStateScopeRootCausesAndChart()
    {
        var alert = Alert();
        Assert.True(await new SqliteAnomalyAlertStore(_db.Database).TryAddAsync(alert, CancellationToken.None));

        using var reopened = new CostDatabase(_db.Options);
        var found = await new SqliteAnomalyAlertStore(reopened).FindAsync(alert.Id, CancellationToken.None);

        Assert.NotNull(found);
        Assert.Equal(alert with { Incident = found.Incident }, found);
        Assert.Equal(alert.Incident with { Chart = found.Incident.Chart, RootCauses = found.Incident.RootCauses, Scope = found.Incident.Scope }, found.Incident);
        Assert.Equal(alert.Incident.Scope, found.Incident.Scope);
        Assert.Equal(alert.Incident.RootCauses[0].Key, found.Incident.RootCauses[0].Key);
        Assert.Equal(alert.Incident.RootCauses[0] with { Key = found.Incident.RootCauses[0].Key }, found.Incident.RootCauses[0]);
        Assert.Equal(alert.Incident.Chart, found.Incident.Chart);
        Assert.Equal(new DateOnly(2026, 11, 20), found.LastDay);
    }

    [Fact]
    public async Task TryAddAsync_SameIdTwice_SecondRefused()
    {
        var store = new SqliteAnomalyAlertStore(_db.Database);

        Assert.True(await store.TryAddAsync(Alert(), CancellationToken.None));
        Assert.False(await store.TryAddAsync(Alert() with { TeamName = "Other" }, CancellationToken.None));

        Assert.Equal("Payments", (await store.FindAsync("an-000000000001", CancellationToken.None))!.TeamName);
    }

    [Fact]
    public async Task TryUpdateAsync_StaleVersion_NothingWritten()
    {
        var store = new SqliteAnomalyAlertStore(_db.Database);
        var alert = Alert();
        await store.TryAddAsync(alert, CancellationToken.None);
        var resolved = alert.Next(alert.Incident with { IsOpen = false, End = alert.Incident.End.AddDays(1), Actual = 5_000m }, At.AddDays(1));

        Assert.True(await store.TryUpdateAsync(resolved, 1, CancellationToken.None));
        Assert.False(await store.TryUpdateAsync(resolved.Next(alert.Incident, At.AddDays(2)), 1, CancellationToken.None));

        var found = (await store.FindAsync(alert.Id, CancellationToken.None))!;
        Assert.Equal(2, found.Version);
        Assert.Equal(AnomalyAlertStatus.Resolved, found.Status);
        Assert.Equal(new DateOnly(2026, 11, 22), found.ResolvedOn);
        Assert.Equal(5_000m, found.Incident.Actual);
        Assert.Equal([alert.Id], (await store.ListAsync(AnomalyAlertStatus.Resolved, CancellationToken.None)).Select(a => a.Id));
        Assert.Empty(await store.ListAsync(AnomalyAlertStatus.Open, CancellationToken.None));
    }

    [Fact]
    public async Task MarkShownAsync_CopiesBehind_StaleUntilEveryCopyShowsTheVersion()
    {
        var store = new SqliteAnomalyAlertStore(_db.Database);
        var alert = Alert();
        await store.TryAddAsync(alert, CancellationToken.None);
        await store.AddCopyAsync(new AnomalyAlertCopy(alert.Id, "slack", "C0PAY", "T0", "1700000000.000100", 1), CancellationToken.None);
        await store.AddCopyAsync(new AnomalyAlertCopy(alert.Id, "slack", "C0PAY", "T0", "1700000000.000100", 1), CancellationToken.None);
        await store.AddCopyAsync(new AnomalyAlertCopy(alert.Id, "teams", "19:abc", null, "act-1", 1), CancellationToken.None);
        Assert.Empty(await store.StaleAsync(CancellationToken.None));

        await store.TryUpdateAsync(alert.Next(alert.Incident with { Actual = 4_000m }, At), 1, CancellationToken.None);
        await store.MarkShownAsync(alert.Id, "slack", "1700000000.000100", 2, CancellationToken.None);
        Assert.Equal([alert.Id], await store.StaleAsync(CancellationToken.None));

        await store.MarkShownAsync(alert.Id, "teams", "act-1", 2, CancellationToken.None);
        await store.MarkShownAsync(alert.Id, "teams", "act-1", 1, CancellationToken.None);

        Assert.Empty(await store.StaleAsync(CancellationToken.None));
        var copies = await store.CopiesAsync(alert.Id, CancellationToken.None);
        Assert.Equal(2, copies.Count);
        Assert.All(copies, c => Assert.Equal(2, c.ShownVersion));
    }

    private static AnomalyAlert Alert()
    {
        var incident = new CostAnomaly(
            "an-000000000001",
            [new("team", "payments"), new("service", "EC2")],
            new DateOnly(2026, 11, 19),
            new DateOnly(2026, 11, 21),
            new DateOnly(2026, 11, 20),
            true,
            "USD",
            3_700.50m,
            1_400m,
            2_300.50m,
            AnomalyDirection.Up,
            AnomalyKind.Point,
            [new([new("service", "EC2"), new("resource", "r-batch")], 2_250.25m, new DateOnly(2026, 11, 19))])
        {
            Chart =
            [
                new(new DateOnly(2026, 11, 18), 700m, 701.5m, 650.25m, 752.75m),
                new(new DateOnly(2026, 11, 19), 1_850m, 700m, 649m, 751m),
                new(new DateOnly(2026, 11, 20), 1_850.5m, null, null, null),
            ],
        };
        return AnomalyAlert.From(incident, "payments", "Payments", At);
    }
}
