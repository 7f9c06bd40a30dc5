using System.Globalization;
using FinOps.Core.Digests;
using FinOps.Core.Query;

namespace FinOps.Benchmarks;

/// <summary>
/// A company of <see cref="Count"/> teams over the demo data: every resource belongs to one team (resource i of the cube's
/// resource list to team i mod N), facts without a resource (taxes, credits, commitment purchases) stay Unallocated.
/// </summary>
/// <remarks>
/// The demo data tags its resources with nine teams; a company with 10,000 digests has 10,000 teams, so the benchmark
/// assigns the resources itself. Allocation rules cannot express this cheaply: a hierarchy rule per team is tried in
/// order for every fact (10,000 rules x 10 M facts), and the demo data has no tag with thousands of values.
/// </remarks>
public sealed class GeneratedTeams(int count) : ITeamAssignment
{
    public int Count { get; } = count;

    public static string Key(int team) => "team-" + team.ToString("D5", CultureInfo.InvariantCulture);

    /// <summary>The directory: each team with one owner and one Slack channel, as a rules file would list them.</summary>
    public IReadOnlyList<DigestTeam> Directory() =>
        [.. Enumerable.Range(1, Count).Select(t => new DigestTeam(
            Key(t),
            "Team " + t.ToString("D5", CultureInfo.InvariantCulture),
            [new TeamOwner(null, Key(t) + "-owner@example.com", null)],
            new TeamChannels("C" + t.ToString("D8", CultureInfo.InvariantCulture), null)))];

    public TeamAllocation Assign(CostCube cube, CostMetric metric)
    {
        ArgumentNullException.ThrowIfNull(cube);
        var names = new List<string>(Count + 1) { TagTeamAssignment.Unallocated };
        names.AddRange(Enumerable.Range(1, Count).Select(Key));
        var resources = cube.ValuesOf(DimensionKind.Resource);
        var teamOf = new Dictionary<string, int>(resources.Count, StringComparer.Ordinal);
        for (var r = 0; r < resources.Count; r++)
        {
            teamOf.TryAdd(resources[r], resources[r] == CostCube.None ? 0 : 1 + (r % Count));
        }

        var owners = new int[cube.Count];
        for (var i = 0; i < owners.Length; i++)
        {
            owners[i] = teamOf.GetValueOrDefault(cube.Value(DimensionKind.Resource, i));
        }

        return new TeamAllocation(names, owners, []);
    }
}
