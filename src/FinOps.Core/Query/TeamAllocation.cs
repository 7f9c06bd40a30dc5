namespace FinOps.Core.Query;

/// <summary>The team of every fact of a cube: one owning team, or a split across teams by weight.</summary>
public sealed class TeamAllocation
{
    private readonly int[] _owner;
    private readonly TeamPart[][] _splits;

    /// <param name="teams">Team names; indexes in the other arguments point into it.</param>
    /// <param name="owners">Per fact: the owning team index, or <c>~s</c> (bitwise complement) to use split <c>s</c>.</param>
    /// <param name="splits">The splits referenced by negative owners; each has at least one part with positive weights.</param>
    public TeamAllocation(IReadOnlyList<string> teams, int[] owners, IReadOnlyList<TeamPart[]> splits)
    {
        ArgumentNullException.ThrowIfNull(teams);
        ArgumentNullException.ThrowIfNull(owners);
        ArgumentNullException.ThrowIfNull(splits);
        foreach (var split in splits)
        {
            if (split.Length == 0)
            {
                throw new ArgumentException("A split needs at least one part.", nameof(splits));
            }

            foreach (var part in split)
            {
                if (part.Weight <= 0 || (uint)part.Team >= (uint)teams.Count)
                {
                    throw new ArgumentException($"Invalid split part {part}.", nameof(splits));
                }
            }
        }

        foreach (var owner in owners)
        {
            if (owner >= teams.Count || (owner < 0 && ~owner >= splits.Count))
            {
                throw new ArgumentException($"Owner {owner} points outside the teams or splits.", nameof(owners));
            }
        }

        Teams = teams.ToArray();
        _owner = owners;
        _splits = splits.ToArray();
    }

    public IReadOnlyList<string> Teams { get; }

    internal int[] Owners => _owner;

    internal TeamPart[][] Splits => _splits;

    /// <summary>The parts of a fact: one part of weight 1 for a single owner.</summary>
    public IReadOnlyList<TeamPart> PartsOf(int fact) =>
        _owner[fact] >= 0 ? [new TeamPart(_owner[fact], 1)] : _splits[~_owner[fact]];
}
