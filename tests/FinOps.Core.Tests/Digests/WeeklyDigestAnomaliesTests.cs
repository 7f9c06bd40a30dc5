using System.Text.Json;
using FinOps.Core.Anomalies;
using FinOps.Core.Digests;
using FinOps.Core.Tests.Anomalies;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Core.Tests.Digests;

/// <summary>The digest's open anomalies: the owning team's incidents still open, from the alerts' own replay.</summary>
public sealed class WeeklyDigestAnomaliesTests
{
    // Wednesday 9 December 2026, data through the 8th: the spike on payments storage since the 6th is open.
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 12, 9, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task BuildAsync_OpenAnomalyOfTheTeam_Listed()
    {
        var costs = new PlantedAnomalyCosts(900m);

        var digest = await Builder(costs).BuildAsync("payments", "Payments", CancellationToken.None);

        var open = Assert.Single(digest.OpenAnomalies);
        Assert.Equal([new("team", "payments"), new("service", "Amazon Simple Storage Service")], open.Scope);
        Assert.Equal(PlantedAnomalyCosts.SpikeStart, open.Start);
        Assert.True(open.IsOpen);
        Assert.Equal(2_700m, open.Impact);
    }

    [Fact]
    public async Task BuildAsync_OtherTeamsAnomaly_NotListed()
    {
        var digest = await Builder(new PlantedAnomalyCosts(900m)).BuildAsync("search", "Search", CancellationToken.None);

        Assert.Empty(digest.OpenAnomalies);
        Assert.False(digest.IsEmpty);
    }

    [Fact]
    public async Task BuildAsync_QuietData_NoOpenAnomalies()
    {
        var digest = await Builder(new PlantedAnomalyCosts(0m)).BuildAsync("payments", "Payments", CancellationToken.None);

        Assert.Empty(digest.OpenAnomalies);
    }

    [Fact]
    public async Task BuildAsync_NoDetector_NoOpenAnomalies()
    {
        var digest = await new WeeklyDigestBuilder(new PlantedAnomalyCosts(900m), Clock).BuildAsync("payments", "Payments", CancellationToken.None);

        Assert.Empty(digest.OpenAnomalies);
    }

    [Fact]
    public async Task BuildManyAsync_WithOpenAnomalies_SameDigestsAsPerTeamAndOneReplay()
    {
        var costs = new PlantedAnomalyCosts(900m, searchDrop: true);
        var builder = Builder(costs);
        DigestTeam[] teams = [Team("payments"), Team("search"), Team("nobody")];

        var many = await builder.BuildManyAsync(teams, CancellationToken.None);
        var queries = costs.Queries;
        var perTeam = new List<WeeklyDigest>();
        foreach (var team in teams)
        {
            perTeam.Add(await builder.BuildAsync(team.Key, team.DisplayName, CancellationToken.None));
        }

        Assert.Equal(perTeam.Select(d => JsonSerializer.Serialize(d)), many.Select(d => JsonSerializer.Serialize(d)));
        Assert.Single(many[0].OpenAnomalies);
        Assert.Equal(AnomalyDirection.Down, Assert.Single(many[1].OpenAnomalies).Direction);
        Assert.Empty(many[2].OpenAnomalies);
        // One replay for all teams, not one per team: well under the queries of three per-team builds.
        Assert.True(queries < costs.Queries - queries, $"{queries} queries for all teams, {costs.Queries - queries} for one build per team");
    }

    private static WeeklyDigestBuilder Builder(PlantedAnomalyCosts costs) =>
        new(costs, Clock, metrics: null, anomalies: new AnomalyQueryService(costs, new AnomalyOptions(), Clock));

    private static DigestTeam Team(string key) => new(key, key, [], new TeamChannels(null, null));
}
