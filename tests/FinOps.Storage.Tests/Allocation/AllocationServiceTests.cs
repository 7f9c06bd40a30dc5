using System.Text.Json;
using FinOps.Core.Allocation;
using FinOps.Core.Query;
using FinOps.Storage.Allocation;
using static FinOps.Storage.Tests.FakeFocusFileReader;

namespace FinOps.Storage.Tests.Allocation;

public sealed class AllocationServiceTests : IDisposable
{
    private readonly FakeFocusFileReader _reader = new();
    private readonly AllocationHost _host;

    public AllocationServiceTests()
    {
        _host = new AllocationHost(_reader);
    }

    public void Dispose() => _host.Dispose();

    private async Task ImportAsync()
    {
        var path = Path.Combine(_host.Folder, "q1.csv");
        File.WriteAllText(path, "q1");
        _reader.Serve(path, [
            Row("2026-01-05", 10m, tags: new() { ["team"] = "payments" }),
            Row("2026-01-06", 30m, billingAccount: "222"),
            Row("2026-02-06", 50m, billingAccount: "222", period: "2026-02-01"),
            Row("2026-02-07", 5m, billingAccount: "333", period: "2026-02-01", resourceId: "nat-1"),
        ]);
        Assert.True((await _host.ImportAsync(path)).Succeeded);
    }

    [Fact]
    public async Task ReallocateAsync_RuleChange_ReportsMovesAndRecordsRun()
    {
        await ImportAsync();
        var service = _host.Get<AllocationService>();
        var first = await service.ReallocateAsync(CostMetric.EffectiveCost, dryRun: false, CancellationToken.None);
        Assert.False(first.HasChanges);
        File.WriteAllText(_host.RulesPath, """
            version: 1
            revision: r2
            hierarchy:
              - id: acct-222
                team: search
                account: sub-222
                from: 2026-02-01
            """);

        var report = await service.ReallocateAsync(CostMetric.EffectiveCost, dryRun: false, CancellationToken.None);
        var runs = await service.GetRunsAsync(10, CancellationToken.None);

        Assert.Equal(new DateRange(new(2026, 2, 1), new(2026, 2, 8)), report.AffectedPeriod);
        Assert.Contains(new TeamMove("search", "USD", 0m, 50m), report.Moves);
        Assert.Contains(new TeamMove(TagTeamAssignment.Unallocated, "USD", 55m, 5m), report.Moves);
        Assert.Equal(2, runs.Count);
        Assert.Equal("r2", runs[0].Revision);
        Assert.Equal("2026-02-01", runs[0].AffectedStart);
        Assert.Equal(2, JsonSerializer.Deserialize<JsonElement>(runs[0].MovesJson).GetArrayLength());
        Assert.Equal(50m, (await _host.TeamsAsync(new DateRange(new(2026, 2, 1), new(2026, 3, 1))))["search"]);
    }

    [Fact]
    public async Task ReallocateAsync_SecondRunSameRules_NothingMoves()
    {
        await ImportAsync();
        File.WriteAllText(_host.RulesPath, "version: 1\nhierarchy:\n  - id: h\n    team: search\n    account: sub-222\n");
        var service = _host.Get<AllocationService>();
        Assert.True((await service.ReallocateAsync(CostMetric.EffectiveCost, false, CancellationToken.None)).HasChanges);

        var again = await service.ReallocateAsync(CostMetric.EffectiveCost, false, CancellationToken.None);

        Assert.False(again.HasChanges);
    }

    [Fact]
    public async Task ReallocateAsync_InvalidFile_ThrowsAndRecordsNothing()
    {
        await ImportAsync();
        File.WriteAllText(_host.RulesPath, "version: 1\nhierarchy:\n  - id: h\n    team: search\n");
        var service = _host.Get<AllocationService>();

        var e = await Assert.ThrowsAsync<AllocationRulesException>(() => service.ReallocateAsync(CostMetric.EffectiveCost, false, CancellationToken.None));

        Assert.Contains(":3:", e.Message, StringComparison.Ordinal);
        Assert.Empty(await service.GetRunsAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task ReallocateAsync_DryRun_RecordsNothing()
    {
        await ImportAsync();
        File.WriteAllText(_host.RulesPath, "version: 1\nhierarchy:\n  - id: h\n    team: search\n    account: sub-222\n");
        var service = _host.Get<AllocationService>();

        var report = await service.ReallocateAsync(CostMetric.EffectiveCost, dryRun: true, CancellationToken.None);

        Assert.True(report.HasChanges);
        Assert.Empty(await service.GetRunsAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task ExplainCoverageShowback_OverTheStore()
    {
        await ImportAsync();
        File.WriteAllText(_host.RulesPath, """
            version: 1
            teams:
              - key: payments
              - key: search
            hierarchy:
              - id: h
                team: search
                account: sub-222
            pools:
              - id: nat
                match: { resource: "nat-*" }
                split: proportional
            """);
        var service = _host.Get<AllocationService>();
        var all = new DateRange(new(2026, 1, 1), new(2026, 3, 1));

        var explanation = Assert.Single(await service.ExplainAsync("nat-1", null, CostMetric.EffectiveCost, CancellationToken.None));
        var coverage = Assert.Single(await service.CoverageAsync(all, CostMetric.EffectiveCost, 5, CancellationToken.None));
        var search = Assert.Single(await service.ShowbackAsync(all, CostMetric.EffectiveCost, "search", CancellationToken.None));

        Assert.Equal("nat", explanation.RuleId);
        Assert.Equal([new AllocationShare("search", 100m, 5m)], explanation.Shares);
        Assert.Equal(10m, coverage.ByTag);
        Assert.Equal(80m, coverage.ByHierarchy);
        Assert.Equal(5m, coverage.BySharedSplit);
        Assert.Equal(0m, coverage.Unallocated);
        Assert.Equal(80m, search.Direct);
        Assert.Equal(5m, Assert.Single(search.Shared).Amount);
    }
}
