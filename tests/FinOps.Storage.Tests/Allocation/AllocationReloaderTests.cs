using FinOps.Core.Allocation;
using FinOps.Core.Query;
using FinOps.Storage.Allocation;
using FinOps.Storage.Costs;
using static FinOps.Storage.Tests.FakeFocusFileReader;

namespace FinOps.Storage.Tests.Allocation;

public sealed class AllocationReloaderTests : IDisposable
{
    private static readonly DateRange January = new(new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1));
    private readonly FakeFocusFileReader _reader = new();
    private readonly AllocationHost _host;

    public AllocationReloaderTests()
    {
        _host = new AllocationHost(_reader);
    }

    public void Dispose() => _host.Dispose();

    private async Task ImportAsync()
    {
        var path = Path.Combine(_host.Folder, "jan.csv");
        File.WriteAllText(path, "jan");
        _reader.Serve(path, [
            Row("2026-01-05", 10m, tags: new() { ["owner-team"] = "Payments" }),
            Row("2026-01-06", 30m, billingAccount: "222"),
        ]);
        var report = await _host.ImportAsync(path);
        Assert.True(report.Succeeded);
    }

    [Fact]
    public async Task Store_NoRulesFile_DefaultTeamTagOnly()
    {
        await ImportAsync();

        var teams = await _host.TeamsAsync(January);

        Assert.Equal(40m, teams[TagTeamAssignment.Unallocated]);
        Assert.Equal(Path.Combine(_host.Folder, "allocation.yaml"), _host.Get<AllocationReloader>().RulesPath);
    }

    [Fact]
    public async Task Reload_ValidFile_ActivatesRulesAndNextQueryReallocates()
    {
        await ImportAsync();
        Assert.Equal(40m, (await _host.TeamsAsync(January))[TagTeamAssignment.Unallocated]);
        File.WriteAllText(_host.RulesPath, """
            version: 1
            tags:
              - keys: [team, owner-team]
            hierarchy:
              - id: acct-222
                team: search
                account: sub-222
            """);

        var activated = _host.Get<AllocationReloader>().Reload();
        var teams = await _host.TeamsAsync(January);

        Assert.True(activated);
        Assert.Equal(10m, teams["payments"]);
        Assert.Equal(30m, teams["search"]);
        Assert.False(_host.Get<AllocationReloader>().Reload());
    }

    [Fact]
    public async Task Reload_ValidFile_KeepsLoadedCube()
    {
        await ImportAsync();
        var store = _host.Get<SqliteCostStore>();
        var before = await store.GetEngineAsync(CancellationToken.None);
        File.WriteAllText(_host.RulesPath, "version: 1\ntags:\n  - keys: [owner-team]\n");

        _host.Get<AllocationReloader>().Reload();
        var after = await store.GetEngineAsync(CancellationToken.None);

        Assert.NotSame(before, after);
        Assert.Same(before.Cube, after.Cube);
        Assert.Equal(10m, (await _host.TeamsAsync(January))["payments"]);
    }

    [Fact]
    public async Task Reload_InvalidEdit_KeepsPreviousRulesAndReportsLineAndField()
    {
        await ImportAsync();
        var reloader = _host.Get<AllocationReloader>();
        File.WriteAllText(_host.RulesPath, "version: 1\ntags:\n  - keys: [owner-team]\n");
        Assert.True(reloader.Reload());
        File.WriteAllText(_host.RulesPath, "version: 1\npools:\n  - id: p\n    split: fixed\n    percentages: { a: 50, b: 40 }\n");

        var activated = reloader.Reload();
        var teams = await _host.TeamsAsync(January);

        Assert.False(activated);
        Assert.StartsWith(_host.RulesPath + ":5:", reloader.LastError, StringComparison.Ordinal);
        Assert.Contains("pools[0].percentages", reloader.LastError, StringComparison.Ordinal);
        Assert.Equal(10m, teams["payments"]);
    }

    [Fact]
    public async Task Reload_FileDeleted_BackToDefaults()
    {
        await ImportAsync();
        var reloader = _host.Get<AllocationReloader>();
        File.WriteAllText(_host.RulesPath, "version: 1\ntags:\n  - keys: [owner-team]\n");
        reloader.Reload();
        Assert.Equal(10m, (await _host.TeamsAsync(January))["payments"]);

        File.Delete(_host.RulesPath);
        reloader.Reload();

        Assert.Same(AllocationRules.Default, _host.Get<AllocationRuleSource>().Current);
        Assert.Equal(40m, (await _host.TeamsAsync(January))[TagTeamAssignment.Unallocated]);
    }

    [Fact]
    public void ResolvePath_ConfiguredRelativePath_FullPathFromWorkingDirectory()
    {
        var path = AllocationReloader.ResolvePath(new AllocationOptions { RulesPath = "conf/rules.yaml" }, "/data/finops.db");

        Assert.Equal(Path.GetFullPath("conf/rules.yaml"), path);
        Assert.Equal(Path.Combine("/data", "allocation.yaml"), AllocationReloader.ResolvePath(new AllocationOptions(), "/data/finops.db"));
    }
}
