namespace FinOps.Core.Query;

/// <summary>The default team assignment: the value of tag <c>team</c>, otherwise <see cref="Unallocated"/>.</summary>
/// <remarks>
/// The tag key is matched trimmed and case-insensitively; the value is trimmed and lower-cased so
/// <c>Payments</c> and <c> payments</c> are one team. An empty value counts as missing.
/// </remarks>
public sealed class TagTeamAssignment : ITeamAssignment
{
    public const string Unallocated = "Unallocated";

    public const string TeamTagKey = "team";

    public TeamAllocation Assign(CostCube cube, CostMetric metric)
    {
        ArgumentNullException.ThrowIfNull(cube);
        var teams = new List<string> { Unallocated };
        var index = new Dictionary<string, int>(StringComparer.Ordinal) { [Unallocated] = 0 };
        var teamOfTagSet = new int[cube.TagSetCount];
        for (var t = 0; t < teamOfTagSet.Length; t++)
        {
            var value = cube.TagValue(t, TeamTagKey);
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            var team = value.Trim().ToLowerInvariant();
            if (!index.TryGetValue(team, out var id))
            {
                id = teams.Count;
                teams.Add(team);
                index[team] = id;
            }

            teamOfTagSet[t] = id;
        }

        var tagSets = cube.TagSetColumn;
        var owners = new int[cube.Count];
        for (var i = 0; i < owners.Length; i++)
        {
            owners[i] = teamOfTagSet[tagSets[i]];
        }

        return new TeamAllocation(teams, owners, []);
    }
}
