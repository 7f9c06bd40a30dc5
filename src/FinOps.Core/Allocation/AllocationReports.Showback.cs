using FinOps.Core.Query;

namespace FinOps.Core.Allocation;

public static partial class AllocationReports
{
    private const char LabelSeparator = '\u001f';
    private const string DirectLabel = "";

    /// <summary>Each team's showback per currency over <paramref name="period"/>: direct cost and each pool share, separately.</summary>
    /// <remarks>
    /// <paramref name="team"/> limits the result to one team (case-insensitive); null gives every team including Unallocated.
    /// The amounts come from the query engine itself (a team breakdown whose labels carry the pool), so a team's
    /// <see cref="TeamShowback.Total"/> equals its row in any team breakdown of the same period and metric to the cent.
    /// </remarks>
    public static IReadOnlyList<TeamShowback> Showback(CostCube cube, AllocationRules rules, CostMetric metric, DateRange period, string? team = null)
    {
        ArgumentNullException.ThrowIfNull(cube);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(period);
        var outcome = AllocationComputation.Run(cube, metric, rules, record: false);
        var composite = Composite(outcome);
        var engine = new CostQueryEngine(cube, new FixedAssignment(composite, metric));
        var result = engine.Execute(new CostQuery { Metric = metric, Period = period, GroupBy = [Dimension.Team] });
        var shows = new List<TeamShowback>();
        foreach (var currency in result.ByCurrency)
        {
            var byTeam = new SortedDictionary<string, (decimal Direct, Dictionary<string, decimal> Pools)>(StringComparer.Ordinal);
            foreach (var row in currency.Rows)
            {
                var parts = row.Key[0].Split(LabelSeparator);
                if (team is not null && !string.Equals(parts[0], team.Trim(), StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var entry = byTeam.TryGetValue(parts[0], out var e) ? e : (Direct: 0m, Pools: new Dictionary<string, decimal>(StringComparer.Ordinal));
                if (parts[1] == DirectLabel)
                {
                    entry.Direct += row.Value;
                }
                else
                {
                    entry.Pools[parts[1]] = entry.Pools.GetValueOrDefault(parts[1]) + row.Value;
                }

                byTeam[parts[0]] = entry;
            }

            foreach (var (name, (direct, pools)) in byTeam)
            {
                var shared = pools
                    .OrderBy(p => rules.Pools.ToList().FindIndex(r => r.Id == p.Key))
                    .Select(p => new PoolShare(p.Key, rules.Pools.First(r => r.Id == p.Key).Method, p.Value))
                    .ToList();
                shows.Add(new TeamShowback(name, currency.Currency, direct, shared, direct + shared.Sum(s => s.Amount)));
            }
        }

        return shows;
    }

    /// <summary>The same allocation with every team label widened to "team, pool" (pool empty for direct cost).</summary>
    private static TeamAllocation Composite(AllocationOutcome outcome)
    {
        var source = outcome.Allocation;
        var labels = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        int Label(int team, string pool)
        {
            var label = source.Teams[team] + LabelSeparator + pool;
            if (!index.TryGetValue(label, out var i))
            {
                i = labels.Count;
                labels.Add(label);
                index[label] = i;
            }

            return i;
        }

        var direct = new int[source.Teams.Count];
        for (var t = 0; t < direct.Length; t++)
        {
            direct[t] = Label(t, DirectLabel);
        }

        var splits = new TeamPart[source.Splits.Length][];
        for (var s = 0; s < splits.Length; s++)
        {
            var pool = outcome.RuleIds[outcome.SplitRule[s]];
            splits[s] = [.. source.Splits[s].Select(p => new TeamPart(Label(p.Team, pool), p.Weight))];
        }

        var owners = new int[source.Owners.Length];
        for (var i = 0; i < owners.Length; i++)
        {
            var owner = source.Owners[i];
            owners[i] = owner >= 0 ? direct[owner] : owner;
        }

        return new TeamAllocation(labels, owners, splits);
    }

    /// <summary>Hands a precomputed allocation to a query engine for one metric.</summary>
    private sealed class FixedAssignment(TeamAllocation allocation, CostMetric metric) : ITeamAssignment
    {
        public TeamAllocation Assign(CostCube cube, CostMetric requested) => requested == metric
            ? allocation
            : throw new InvalidOperationException($"This allocation was computed for {metric}, not {requested}.");
    }
}
