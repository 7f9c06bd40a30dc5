using System.Globalization;
using System.Text.Json;
using FinOps.Core.Digests;
using FinOps.Core.Freshness;
using FinOps.Core.Query;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Core.Tests.Digests;

/// <summary><see cref="WeeklyDigestBuilder.BuildManyAsync"/> (three queries grouped by team) against one <see cref="WeeklyDigestBuilder.BuildAsync"/> per team.</summary>
public sealed class WeeklyDigestBuilderManyTests
{
    // Wednesday 14 January 2026: the digest week is Monday 5 to Sunday 11 January.
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 1, 14, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task BuildManyAsync_SplitFactsAndSeveralTeams_SameDigestsAsPerTeam()
    {
        var costs = new CountingQueries(Engine());
        var builder = new WeeklyDigestBuilder(costs, Clock);
        DigestTeam[] teams = [Team("payments"), Team("search"), Team("nobody"), Team("Unallocated")];

        var many = await builder.BuildManyAsync(teams, CancellationToken.None);
        var queries = costs.Count;
        var perTeam = new List<WeeklyDigest>();
        foreach (var team in teams)
        {
            perTeam.Add(await builder.BuildAsync(team.Key, team.DisplayName, CancellationToken.None));
        }

        Assert.Equal(3, queries);
        Assert.Equal(teams.Select(t => t.Key), many.Select(d => d.TeamKey));
        Assert.Equal(perTeam.Select(Json), many.Select(Json));
        // The split fact (30 split 2:1 between payments and search) shows in both teams' digests.
        Assert.Equal(20m + 5m + 20m, many[0].ByCurrency.Single(c => c.Currency == "USD").Total);
        Assert.Equal(10m + 4m, many[1].ByCurrency.Single(c => c.Currency == "USD").Total);
        Assert.True(many[2].IsEmpty);
        Assert.Equal(1.5m, many[3].ByCurrency.Single().Total);
    }

    [Fact]
    public async Task BuildManyAsync_TeamUnderTwoLabels_FallsBackToFilteredQueryWithMergedRows()
    {
        // "data" and "Data " are two labels of the assignment; a team filter "data" matches both, so the EC2 rows merge.
        var builder = new WeeklyDigestBuilder(new CountingQueries(Engine()), Clock);

        var many = await builder.BuildManyAsync([Team("data"), Team("payments")], CancellationToken.None);
        var single = await builder.BuildAsync("data", "data", CancellationToken.None);

        Assert.Equal(Json(single), Json(many[0]));
        var ec2 = Assert.Single(many[0].ByCurrency.Single().TopServices);
        Assert.Equal(3m + 6m, ec2.Current);
    }

    [Fact]
    public async Task BuildManyAsync_IngestionSources_EveryDigestCarriesTheirFreshnessReadOnce()
    {
        var source = new SourceFreshness("aws-prod", "ok", null, null, TimeSpan.FromDays(1), true, [new AccountCompleteness("AWS", "1111", new DateOnly(2026, 1, 12), new DateOnly(2026, 1, 11))]);
        var freshness = new OneSourceFreshness(source);
        var builder = new WeeklyDigestBuilder(new CountingQueries(Engine()), Clock, freshness: freshness);

        var many = await builder.BuildManyAsync([Team("payments"), Team("search"), Team("nobody")], CancellationToken.None);
        var single = await builder.BuildAsync("payments", "Payments", CancellationToken.None);

        Assert.All(many, d => Assert.Same(source, Assert.Single(d.Freshness)));
        Assert.Same(source, Assert.Single(single.Freshness));
        Assert.Equal(2, freshness.Reads);
        Assert.Empty((await new WeeklyDigestBuilder(new CountingQueries(Engine()), Clock).BuildAsync("payments", "Payments", CancellationToken.None)).Freshness);
    }

    [Fact]
    public async Task BuildManyAsync_NoTeams_RunsNoQuery()
    {
        var costs = new CountingQueries(Engine());

        var many = await new WeeklyDigestBuilder(costs, Clock).BuildManyAsync([], CancellationToken.None);

        Assert.Empty(many);
        Assert.Equal(0, costs.Count);
    }

    private static DigestTeam Team(string key) => new(key, key, [], new TeamChannels(null, null));

    private static string Json(WeeklyDigest digest) => JsonSerializer.Serialize(digest);

    /// <summary>Facts owned by teams through a fixed allocation: payments, search, two labels of data, and one fact split 2:1.</summary>
    private static CostQueryEngine Engine()
    {
        var b = new CostCubeBuilder();
        var owners = new List<int>();
        void Add(string date, string service, string resource, string currency, decimal cost, int owner)
        {
            b.Add(new CostCubeFact(
                DateOnly.Parse(date, CultureInfo.InvariantCulture),
                b.AddCurrency(currency),
                b.AddTagSet(new Dictionary<string, string>()),
                b.AddValue(DimensionKind.Provider, "AWS"),
                b.AddValue(DimensionKind.Service, service),
                b.AddValue(DimensionKind.Category, "Compute"),
                b.AddValue(DimensionKind.Region, "us-east-1"),
                b.AddValue(DimensionKind.Account, "acct"),
                b.AddValue(DimensionKind.BillingAccount, "billing"),
                b.AddValue(DimensionKind.Resource, resource),
                b.AddValue(DimensionKind.ChargeCategory, "Usage"),
                b.AddValue(DimensionKind.PricingCategory, "Standard"),
                cost,
                cost,
                cost,
                cost));
            owners.Add(owner);
        }

        // Teams: 0 Unallocated, 1 payments, 2 search, 3 data, 4 "Data ".
        // In day order, one fact a day: the cube keeps facts sorted by day, and the owners above follow the facts.
        Add("2025-12-29", "EC2", "i-1", "USD", 8m, 1);
        Add("2026-01-01", "EC2", "i-9", "EUR", 2m, 2);
        Add("2026-01-05", "EC2", "i-1", "USD", 20m, 1);
        Add("2026-01-06", "S3", "bucket-a", "USD", 5m, 1);
        Add("2026-01-07", "Support", "(shared)", "USD", 30m, ~0);
        Add("2026-01-08", "EC2", "d-1", "USD", 3m, 3);
        Add("2026-01-09", "EC2", "d-2", "USD", 6m, 4);
        Add("2026-01-10", "EC2", "i-9", "USD", 4m, 2);
        Add("2026-01-11", "EC2", "x-1", "USD", 1.5m, 0);
        Add("2026-01-12", "EC2", "i-1", "USD", 1000m, 1);
        var cube = b.Build();
        var allocation = new TeamAllocation(["Unallocated", "payments", "search", "data", "Data "], [.. owners], [[new TeamPart(1, 2), new TeamPart(2, 1)]]);
        return new CostQueryEngine(cube, new FixedAssignment(allocation));
    }

    private sealed class FixedAssignment(TeamAllocation allocation) : ITeamAssignment
    {
        public TeamAllocation Assign(CostCube cube, CostMetric metric) => allocation;
    }

    private sealed class CountingQueries(CostQueryEngine engine) : ICostQueryService
    {
        public int Count { get; private set; }

        public Task<CostQueryResult> QueryAsync(CostQuery query, CancellationToken cancellationToken)
        {
            Count++;
            return Task.FromResult(engine.Execute(query));
        }

        public Task<IReadOnlyList<string>> GetDimensionValuesAsync(Dimension dimension, CancellationToken cancellationToken) =>
            Task.FromResult(engine.DimensionValues(dimension));

        public Task<DataCoverage?> GetCoverageAsync(CancellationToken cancellationToken) => Task.FromResult<DataCoverage?>(null);
    }

    private sealed class OneSourceFreshness(SourceFreshness source) : IDataFreshness
    {
        public int Reads { get; private set; }

        public Task<IReadOnlyList<SourceFreshness>> GetAsync(CancellationToken cancellationToken)
        {
            Reads++;
            return Task.FromResult<IReadOnlyList<SourceFreshness>>([source]);
        }
    }
}
