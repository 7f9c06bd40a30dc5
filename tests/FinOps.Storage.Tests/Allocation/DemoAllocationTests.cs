using FinOps.Core.Allocation;
using FinOps.Demo;
using FinOps.Core.Ingestion;
using FinOps.Core.Query;
using FinOps.Storage.Costs;

namespace FinOps.Storage.Tests.Allocation;

/// <summary>The documented demo rules (src/FinOps.Bot/allocation.demo.yaml) against the demo organisation and its data.</summary>
public sealed class DemoAllocationTests : IDisposable
{
    private static readonly string DemoRules = Path.Combine(AppContext.BaseDirectory, "TestData", "allocation.demo.yaml");
    private readonly AllocationHost _host = new(new FocusFileReader());

    public void Dispose() => _host.Dispose();

    [Fact]
    public void DemoRules_MatchDemoOrganisation()
    {
        var rules = AllocationRulesParser.ParseFile(DemoRules);
        var org = DemoOrganization.Default;

        Assert.Equal(org.Teams.Select(t => t.Key), rules.Teams.Select(t => t.Key));
        foreach (var team in org.Teams)
        {
            var configured = rules.FindTeam(team.Key)!;
            Assert.Equal(team.DisplayName, configured.DisplayName);
            Assert.Equal(team.Owners.Select(o => (o.Email, o.SlackUserId, o.EntraObjectId)), configured.Owners.Select(o => (o.Email!, o.SlackUserId!, o.EntraObjectId!.Value)));
            Assert.Contains(new TeamChannel("slack", team.SlackChannelId), configured.Channels);
            Assert.All(team.TagValueVariants, v => Assert.Contains(v, new[] { configured.Key, configured.DisplayName }.Concat(configured.Aliases), StringComparer.OrdinalIgnoreCase));
        }

        foreach (var pool in org.SharedCostPools)
        {
            var configured = Assert.Single(rules.Pools, p => p.Id == pool.Name);
            Assert.Equal(pool.Method.ToString(), configured.Method.ToString());
            Assert.Equal(pool.TeamKeys.Order(), configured.Teams.Order());
            Assert.Equal(pool.FixedPercentages.OrderBy(kv => kv.Key), configured.Percentages.OrderBy(kv => kv.Key));
        }
    }

    [Fact]
    public async Task DemoData_DemoRules_ConservedPoolsSplitAsDesignedLittleUnallocated()
    {
        var file = Path.Combine(_host.Folder, "demo.csv");
        new FocusDemoGenerator().WriteFile(file, new DemoDataOptions { EndDate = new DateOnly(2026, 3, 1), Months = 2, TargetRows = 6_000 }, CancellationToken.None);
        File.Copy(DemoRules, _host.RulesPath);
        Assert.True((await _host.ImportAsync(file)).Succeeded);
        var engine = await _host.Get<SqliteCostStore>().GetEngineAsync(CancellationToken.None);
        var rules = _host.Get<AllocationRuleSource>().Current;
        var february = new DateRange(new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 1));

        var total = await _host.Get<SqliteCostStore>().QueryAsync(new CostQuery { Period = february }, CancellationToken.None);
        var usdTeams = await _host.TeamsAsync(february);
        var coverage = AllocationReports.Coverage(engine.Cube, rules, CostMetric.EffectiveCost, february);
        var showback = AllocationReports.Showback(engine.Cube, rules, CostMetric.EffectiveCost, february);

        foreach (var currency in total.ByCurrency)
        {
            Assert.Equal(currency.Total, (await _host.TeamsAsync(february, currency.Currency)).Values.Sum());
        }

        Assert.All(DemoOrganization.Default.Teams, t => Assert.True(usdTeams.GetValueOrDefault(t.Key) > 0, t.Key));
        var usd = coverage.Single(c => c.Currency == "USD");
        Assert.True(usd.BySharedSplit > 0 && usd.ByHierarchy > 0 && usd.ByTag > 0, usd.ToString());
        Assert.InRange(usd.UnallocatedPercent, -2m, 2m);

        var unused = showback.Where(s => s.Currency == "USD")
            .Select(s => (s.Team, Share: s.Shared.FirstOrDefault(p => p.PoolId == "aws-unused-savings-plan")?.Amount ?? 0m))
            .Where(x => x.Share != 0)
            .ToList();
        Assert.Equal(8, unused.Count);
        Assert.True(unused.Max(x => x.Share) - unused.Min(x => x.Share) < 0.01m * engine.Cube.Count);
        var hub = showback.Where(s => s.Currency == "USD")
            .ToDictionary(s => s.Team, s => s.Shared.FirstOrDefault(p => p.PoolId == "azure-platform-hub")?.Amount ?? 0m);
        var hubTotal = hub.Values.Sum();
        Assert.True(hubTotal > 0);
        Assert.InRange(hub["platform"] / hubTotal, 0.3999m, 0.4001m);
        Assert.InRange(hub["growth"] / hubTotal, 0.1499m, 0.1501m);
        Assert.Equal(["aws-shared-services", "aws-unused-savings-plan", "taxes"], showback.Single(s => s.Team == "payments" && s.Currency == "USD").Shared.Select(p => p.PoolId).Order());
    }
}
