using System.Text.Json;
using FinOps.Core.Allocation;
using FinOps.Core.Anomalies;
using FinOps.Core.Digests;
using FinOps.Core.Ingestion;
using FinOps.Demo;
using FinOps.Storage.Costs;
using FinOps.Storage.Tests.Allocation;

namespace FinOps.Storage.Tests.Digests;

/// <summary>The grouped digest path against the per-team one over demo data, with the demo rules (tags, hierarchy, shared pools).</summary>
public sealed class DemoWeeklyDigestTests : IDisposable
{
    private static readonly string DemoRules = Path.Combine(AppContext.BaseDirectory, "TestData", "allocation.demo.yaml");
    private readonly AllocationHost _host = new(new FocusFileReader());

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task BuildManyAsync_DemoDataDemoRules_SameDigestsAsOneBuildPerTeam()
    {
        var file = Path.Combine(_host.Folder, "demo.csv");
        new FocusDemoGenerator().WriteFile(file, new DemoDataOptions { EndDate = new DateOnly(2026, 3, 1), Months = 2, TargetRows = 6_000 }, CancellationToken.None);
        File.Copy(DemoRules, _host.RulesPath);
        Assert.True((await _host.ImportAsync(file)).Succeeded);
        var rules = _host.Get<AllocationRuleSource>().Current;
        // Every configured team, the Unallocated rest, a team key in other case and a team without cost.
        DigestTeam[] teams = [
            .. rules.Teams.Select(t => new DigestTeam(t.Key, t.DisplayName, [], new TeamChannels(null, null))),
            new("Unallocated", "Unallocated", [], new TeamChannels(null, null)),
            new("PAYMENTS", "Payments (upper case)", [], new TeamChannels(null, null)),
            new("nobody", "Nobody", [], new TeamChannels(null, null)),
        ];
        // With the anomaly detector, as the host builds digests: open anomalies come from one replay for all teams.
        var store = _host.Get<SqliteCostStore>();
        var builder = new WeeklyDigestBuilder(store, _host.Time, anomalies: new AnomalyQueryService(store, new AnomalyOptions(), _host.Time));

        var many = await builder.BuildManyAsync(teams, CancellationToken.None);
        var perTeam = new List<WeeklyDigest>();
        foreach (var team in teams)
        {
            perTeam.Add(await builder.BuildAsync(team.Key, team.DisplayName, CancellationToken.None));
        }

        Assert.Equal(perTeam.Select(d => JsonSerializer.Serialize(d)), many.Select(d => JsonSerializer.Serialize(d)));
        // Not trivially equal: the demo teams have spend, shared pools included, and the movers are resources.
        Assert.True(rules.Teams.Count >= 8);
        Assert.All(many.Take(rules.Teams.Count), d => Assert.False(d.IsEmpty, d.TeamKey));
        Assert.Contains(many, d => d.ByCurrency.Any(c => c.TopMovers.Count > 0 && c.TopMovers[0].Kind == "resource"));
        Assert.True(many[^1].IsEmpty);
    }
}
