using FinOps.Core.Query;

namespace FinOps.Core.Allocation;

/// <summary>Applies <see cref="AllocationRules"/> to a cube for one metric, in rule order, in two passes over the facts.</summary>
/// <remarks>
/// The cube is cut into segments at every rule's effective dates, so within a segment the active rules are fixed and
/// tag rules can be resolved once per tag set and column filters once per distinct value. Pass 1 gives each fact a
/// tag or hierarchy team (adding to that team's direct cost per calendar month and currency) or marks it for a pool;
/// pass 2 turns pool facts into splits, one split per pool (and, for proportional pools, per month and currency).
/// </remarks>
internal static class AllocationComputation
{
    private const int PoolMarker = int.MinValue;

    public static AllocationOutcome Run(CostCube cube, CostMetric metric, AllocationRules rules, bool record)
    {
        var ids = new List<string> { TagTeamAssignment.Unallocated };
        var kinds = new List<AllocationRuleKind> { AllocationRuleKind.Unallocated };
        var tagRules = new List<TagRule?> { null };
        var hierarchyRules = new List<HierarchyRule?> { null };
        var poolRules = new List<SharedPoolRule?> { null };
        foreach (var r in rules.TagRules)
        {
            ids.Add(r.Id);
            kinds.Add(AllocationRuleKind.Tag);
            tagRules.Add(r);
            hierarchyRules.Add(null);
            poolRules.Add(null);
        }

        foreach (var r in rules.HierarchyRules)
        {
            ids.Add(r.Id);
            kinds.Add(AllocationRuleKind.Hierarchy);
            tagRules.Add(null);
            hierarchyRules.Add(r);
            poolRules.Add(null);
        }

        foreach (var r in rules.Pools)
        {
            ids.Add(r.Id);
            kinds.Add(AllocationRuleKind.SharedPool);
            tagRules.Add(null);
            hierarchyRules.Add(null);
            poolRules.Add(r);
        }

        var teams = new TeamIndex(rules);
        var hierarchyBase = 1 + rules.TagRules.Count;
        var poolBase = hierarchyBase + rules.HierarchyRules.Count;
        var hierarchy = rules.HierarchyRules.Select((r, i) => new CompiledHierarchy(
            r, hierarchyBase + i, teams.Of(r.Team), CompiledMatch.ForHierarchy(cube, r))).ToArray();
        var pools = rules.Pools.Select((r, i) => new CompiledPool(r, poolBase + i, i, CompiledMatch.ForPool(cube, r.Filter))).ToArray();
        foreach (var pool in pools)
        {
            pool.TeamIndexes = [.. pool.Rule.Teams.Select(teams.Of)];
        }

        var segments = Segments(cube, rules);
        var tagCache = new Dictionary<string, (int[] Team, int[] Rule)>(StringComparer.Ordinal);
        var prepared = new List<(int Lo, int Hi, int[] TagTeam, int[] TagRule, CompiledHierarchy[] Hierarchy, CompiledPool[] Pools)>();
        foreach (var (start, end) in segments)
        {
            var activeTags = rules.TagRules.Select((r, i) => (Rule: r, Ordinal: 1 + i)).Where(x => x.Rule.Effective.Contains(start)).ToArray();
            var cacheKey = string.Join(',', activeTags.Select(t => t.Ordinal));
            if (!tagCache.TryGetValue(cacheKey, out var tags))
            {
                tags = ResolveTags(cube, activeTags, teams);
                tagCache[cacheKey] = tags;
            }

            prepared.Add((
                cube.LowerBound(start.DayNumber),
                cube.LowerBound(end.DayNumber),
                tags.Team,
                tags.Rule,
                [.. hierarchy.Where(h => h.Rule.Effective.Contains(start))],
                [.. pools.Where(p => p.Rule.Effective.Contains(start))]));
        }

        var count = cube.Count;
        var owners = new int[count];
        var ruleOf = record ? new int[count] : null;
        var months = new MonthMap(cube);
        var currencies = Math.Max(cube.CurrencyValues.Length, 1);
        var buckets = months.Count * currencies;
        var direct = new DirectCost(cube.Metrics[(int)metric], teams.Count, buckets);
        var tagSets = cube.TagSetColumn;
        var days = cube.DayColumn;
        var currency = cube.CurrencyColumn;
        var pending = false;

        foreach (var (lo, hi, tagTeam, tagRule, activeHierarchy, activePools) in prepared)
        {
            for (var i = lo; i < hi; i++)
            {
                var ts = tagSets[i];
                var owner = tagTeam[ts];
                var rule = 0;
                if (owner >= 0)
                {
                    rule = tagRule[ts];
                }
                else
                {
                    owner = 0;
                    foreach (var h in activeHierarchy)
                    {
                        if (h.Match.Matches(i, ts))
                        {
                            owner = h.Team;
                            rule = h.Ordinal;
                            break;
                        }
                    }

                    if (rule == 0)
                    {
                        foreach (var p in activePools)
                        {
                            if (p.Match.Matches(i, ts))
                            {
                                owner = PoolMarker + p.Index;
                                rule = p.Ordinal;
                                pending = true;
                                break;
                            }
                        }
                    }
                }

                owners[i] = owner;
                if (ruleOf is not null)
                {
                    ruleOf[i] = rule;
                }

                if (owner > 0)
                {
                    direct.Add(owner * buckets + months.Of(days[i]) * currencies + currency[i], i);
                }
            }
        }

        var splits = new List<TeamPart[]>();
        var splitRule = new List<int>();
        if (pending)
        {
            var resolved = new int?[pools.Length * buckets];
            var poolLimit = PoolMarker + pools.Length;
            for (var i = 0; i < count; i++)
            {
                if (owners[i] >= poolLimit)
                {
                    continue;
                }

                var p = owners[i] - PoolMarker;
                var bucket = months.Of(days[i]) * currencies + currency[i];
                var pool = pools[p];
                var slot = pool.Rule.Method == SplitMethod.Proportional ? p * buckets + bucket : p * buckets;
                if (resolved[slot] is not { } code)
                {
                    var parts = Parts(pool, teams, direct, buckets, bucket);
                    if (parts.Length == 0)
                    {
                        code = 0;
                    }
                    else
                    {
                        splits.Add(parts);
                        splitRule.Add(pool.Ordinal);
                        code = ~(splits.Count - 1);
                    }

                    resolved[slot] = code;
                }

                owners[i] = code;
                if (code == 0 && ruleOf is not null)
                {
                    ruleOf[i] = 0;
                }
            }
        }

        return new AllocationOutcome
        {
            Allocation = new TeamAllocation(teams.Names, owners, splits),
            RuleOfFact = ruleOf,
            RuleIds = [.. ids],
            RuleKinds = [.. kinds],
            RulePools = [.. poolRules],
            RuleTags = [.. tagRules],
            RuleHierarchy = [.. hierarchyRules],
            SplitRule = [.. splitRule],
            Rules = rules,
        };
    }

    /// <summary>The team a tag set names under the active tag rules, or null; also returns the matched key and raw value.</summary>
    internal static (int Team, TagRule Rule, string Key, string Value)? MatchTag(
        IReadOnlyDictionary<string, string> tags, IEnumerable<TagRule> activeRules, Func<string, int> teamOfValue)
    {
        foreach (var rule in activeRules)
        {
            foreach (var key in rule.Keys)
            {
                if (tags.TryGetValue(key.Trim(), out var value) && !string.IsNullOrWhiteSpace(value))
                {
                    return (teamOfValue(value), rule, key, value);
                }
            }
        }

        return null;
    }

    private static (int[] Team, int[] Rule) ResolveTags(CostCube cube, (TagRule Rule, int Ordinal)[] active, TeamIndex teams)
    {
        var team = new int[cube.TagSetCount];
        var rule = new int[cube.TagSetCount];
        Array.Fill(team, -1);
        var ordinals = active.ToDictionary(a => a.Rule, a => a.Ordinal);
        for (var t = 0; t < team.Length; t++)
        {
            if (MatchTag(cube.Tags(t), active.Select(a => a.Rule), teams.OfTagValue) is { } match)
            {
                team[t] = match.Team;
                rule[t] = ordinals[match.Rule];
            }
        }

        return (team, rule);
    }

    private static TeamPart[] Parts(CompiledPool pool, TeamIndex teams, DirectCost direct, int buckets, int bucket)
    {
        switch (pool.Rule.Method)
        {
            case SplitMethod.Fixed:
                return [.. pool.Rule.Percentages.Select(kv => new TeamPart(teams.Of(kv.Key), (long)(kv.Value * 10_000m)))];
            case SplitMethod.Proportional:
                var candidates = pool.TeamIndexes.Length > 0 ? pool.TeamIndexes : Enumerable.Range(1, teams.Count - 1).ToArray();
                var parts = new List<TeamPart>();
                foreach (var t in candidates)
                {
                    var cents = direct.Cents(t * buckets + bucket);
                    if (cents > 0)
                    {
                        parts.Add(new TeamPart(t, cents));
                    }
                }

                return parts.Count > 0 ? [.. parts] : Even(pool, teams);
            default:
                return Even(pool, teams);
        }
    }

    private static TeamPart[] Even(CompiledPool pool, TeamIndex teams)
    {
        var members = pool.TeamIndexes.Length > 0 ? pool.TeamIndexes : Enumerable.Range(1, teams.DeclaredCount).ToArray();
        return [.. members.Select(t => new TeamPart(t, 1))];
    }

    private static List<(DateOnly Start, DateOnly End)> Segments(CostCube cube, AllocationRules rules)
    {
        if (cube.Dates is not { } range)
        {
            return [];
        }

        var cuts = new SortedSet<DateOnly>();
        foreach (var period in rules.TagRules.Select(r => r.Effective)
            .Concat(rules.HierarchyRules.Select(r => r.Effective))
            .Concat(rules.Pools.Select(r => r.Effective)))
        {
            foreach (var date in new[] { period.From, period.Until })
            {
                if (date is { } d && d > range.Start && d < range.End)
                {
                    cuts.Add(d);
                }
            }
        }

        var segments = new List<(DateOnly, DateOnly)>();
        var start = range.Start;
        foreach (var cut in cuts)
        {
            segments.Add((start, cut));
            start = cut;
        }

        segments.Add((start, range.End));
        return segments;
    }

    private sealed record CompiledHierarchy(HierarchyRule Rule, int Ordinal, int Team, CompiledMatch Match);

    private sealed record CompiledPool(SharedPoolRule Rule, int Ordinal, int Index, CompiledMatch Match)
    {
        public int[] TeamIndexes { get; set; } = [];
    }

    /// <summary>Maps team keys, display names, aliases and raw tag values to team indexes; index 0 is Unallocated.</summary>
    internal sealed class TeamIndex
    {
        private readonly List<string> _names = [TagTeamAssignment.Unallocated];
        private readonly Dictionary<string, int> _byName = new(StringComparer.Ordinal) { [TagTeamAssignment.Unallocated] = 0 };
        private readonly Dictionary<string, int> _aliases = new(StringComparer.OrdinalIgnoreCase);

        public TeamIndex(AllocationRules rules)
        {
            foreach (var team in rules.Teams)
            {
                var index = Of(team.Key);
                foreach (var alias in new[] { team.Key, team.DisplayName }.Concat(team.Aliases))
                {
                    _aliases.TryAdd(alias.Trim(), index);
                }
            }

            DeclaredCount = rules.Teams.Count;
        }

        public int Count => _names.Count;

        public int DeclaredCount { get; }

        public IReadOnlyList<string> Names => _names;

        /// <summary>A team by key (as written in rules): declared, or added.</summary>
        public int Of(string key)
        {
            var k = key.Trim().ToLowerInvariant();
            if (_aliases.TryGetValue(k, out var aliased))
            {
                return aliased;
            }

            if (!_byName.TryGetValue(k, out var index))
            {
                index = _names.Count;
                _names.Add(k);
                _byName[k] = index;
            }

            return index;
        }

        /// <summary>A team from a tag value: alias (trimmed, case-insensitive) else the trimmed lower-cased value.</summary>
        public int OfTagValue(string value) => Of(value);
    }

    /// <summary>Month index (from the cube's first month) of a day number.</summary>
    private sealed class MonthMap
    {
        private readonly int[] _monthOfDay;
        private readonly int _firstDay;

        public MonthMap(CostCube cube)
        {
            if (cube.Dates is not { } range)
            {
                _monthOfDay = [];
                Count = 1;
                return;
            }

            _firstDay = range.Start.DayNumber;
            _monthOfDay = new int[range.Days];
            var first = range.Start.Year * 12 + range.Start.Month;
            for (var d = 0; d < _monthOfDay.Length; d++)
            {
                var date = range.Start.AddDays(d);
                _monthOfDay[d] = date.Year * 12 + date.Month - first;
            }

            Count = _monthOfDay[^1] + 1;
        }

        public int Count { get; }

        public int Of(int dayNumber) => _monthOfDay[dayNumber - _firstDay];
    }

    /// <summary>Direct cost sums per (team, month, currency), exact in the metric column's own representation.</summary>
    private sealed class DirectCost
    {
        private readonly MetricColumn _metric;
        private readonly Int128[]? _fixedSums;
        private readonly decimal[]? _decimalSums;

        public DirectCost(MetricColumn metric, int teams, int buckets)
        {
            _metric = metric;
            if (metric.Fixed is not null)
            {
                _fixedSums = new Int128[teams * buckets];
            }
            else
            {
                _decimalSums = new decimal[teams * buckets];
            }
        }

        public void Add(int slot, int fact)
        {
            if (_fixedSums is not null)
            {
                _fixedSums[slot] += _metric.Fixed![fact];
            }
            else
            {
                _decimalSums![slot] += _metric.Decimals![fact];
            }
        }

        public long Cents(int slot)
        {
            var amount = _fixedSums is not null ? _metric.FromFixed(_fixedSums[slot]) : _decimalSums![slot];
            return (long)Math.Round(amount * 100m, MidpointRounding.ToEven);
        }
    }
}
