using System.Globalization;
using FinOps.Core.Query;

namespace FinOps.Core.Allocation;

/// <summary>Explanations, coverage, showback and re-allocation reports over one cube snapshot and a set of rules.</summary>
/// <remarks>
/// Each method applies the rules itself (as the query engine does), so it can be given rules that are not active yet,
/// e.g. to preview a change. Amounts are in the metric asked for; currencies are never mixed.
/// </remarks>
public static partial class AllocationReports
{
    /// <summary>Why the facts of <paramref name="resource"/> (matched trimmed, case-insensitive) are charged where they are.</summary>
    /// <returns>One explanation per rule outcome and currency, largest amount first; empty when the resource has no cost in the period.</returns>
    public static IReadOnlyList<AllocationExplanation> ExplainResource(
        CostCube cube, AllocationRules rules, CostMetric metric, string resource, DateRange? period = null)
    {
        ArgumentNullException.ThrowIfNull(cube);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentException.ThrowIfNullOrWhiteSpace(resource);
        var wanted = resource.Trim();
        var values = cube.ValueArray(DimensionKind.Resource);
        var codes = new HashSet<int>();
        for (var c = 0; c < values.Length; c++)
        {
            if (string.Equals(values[c].Trim(), wanted, StringComparison.OrdinalIgnoreCase))
            {
                codes.Add(c);
            }
        }

        return codes.Count == 0 ? [] : Explain(cube, rules, metric, i => codes.Contains(cube.ColumnCodes[(int)DimensionKind.Resource][i]), period);
    }

    /// <summary>Why one fact (an index into <paramref name="cube"/>) is charged where it is.</summary>
    public static AllocationExplanation ExplainFact(CostCube cube, AllocationRules rules, CostMetric metric, int fact)
    {
        ArgumentNullException.ThrowIfNull(cube);
        ArgumentOutOfRangeException.ThrowIfNegative(fact);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(fact, cube.Count);
        return Explain(cube, rules, metric, i => i == fact, null)[0];
    }

    private static List<AllocationExplanation> Explain(CostCube cube, AllocationRules rules, CostMetric metric, Func<int, bool> selected, DateRange? period)
    {
        var outcome = AllocationComputation.Run(cube, metric, rules, record: true);
        var lo = period is null ? 0 : cube.LowerBound(period.Start.DayNumber);
        var hi = period is null ? cube.Count : cube.LowerBound(period.End.DayNumber);
        var groups = new Dictionary<(int Rule, int Owner, int Currency, int TagSet, int Resource), Group>();
        var owners = outcome.Allocation.Owners;
        for (var i = lo; i < hi; i++)
        {
            if (!selected(i))
            {
                continue;
            }

            var rule = outcome.RuleOfFact![i];
            // Tag outcomes differ by tag set (the matched key and value); others only by rule and owner.
            var tagSet = outcome.RuleKinds[rule] == AllocationRuleKind.Tag ? cube.TagSetColumn[i] : -1;
            var key = (rule, owners[i], cube.CurrencyColumn[i], tagSet, cube.ColumnCodes[(int)DimensionKind.Resource][i]);
            if (!groups.TryGetValue(key, out var group))
            {
                group = new Group(i);
                groups[key] = group;
            }

            group.Add(cube, metric, i, outcome.Allocation);
        }

        return [.. groups.Values
            .Select(g => Describe(cube, outcome, metric, g))
            .OrderByDescending(e => Math.Abs(e.Amount))
            .ThenBy(e => e.RuleId, StringComparer.Ordinal)];
    }

    private static AllocationExplanation Describe(CostCube cube, AllocationOutcome outcome, CostMetric metric, Group g)
    {
        var i = g.First;
        var rule = outcome.RuleOfFact![i];
        var owner = outcome.Allocation.Owners[i];
        var teams = outcome.Allocation.Teams;
        var inv = CultureInfo.InvariantCulture;
        var explanation = new AllocationExplanation
        {
            Resource = cube.Value(DimensionKind.Resource, i),
            Service = cube.Value(DimensionKind.Service, i),
            Account = cube.Value(DimensionKind.Account, i),
            FirstDate = cube.Date(g.First),
            LastDate = cube.Date(g.Last),
            Currency = cube.Currency(i),
            Metric = metric,
            Amount = g.Amount,
            Facts = g.Count,
            Kind = outcome.RuleKinds[rule],
            RuleId = outcome.RuleIds[rule],
            Reason = "",
            RulesSource = outcome.Rules.Revision is { } revision ? $"{outcome.Rules.Source} (revision {revision})" : outcome.Rules.Source,
        };

        switch (explanation.Kind)
        {
            case AllocationRuleKind.Tag:
                var tagRule = outcome.RuleTags[rule]!;
                var match = AllocationComputation.MatchTag(cube.Tags(cube.TagSetOf(i)), [tagRule], _ => 0)!.Value;
                var team = teams[owner];
                var via = string.Equals(match.Value.Trim(), team, StringComparison.Ordinal) ? "" : $" (value normalised/aliased to '{team}')";
                return explanation with
                {
                    Team = team,
                    Reason = $"tag rule '{tagRule.Id}' (keys {string.Join(", ", tagRule.Keys)}; {tagRule.Effective}): tag '{match.Key}' = '{match.Value}'{via}.",
                };
            case AllocationRuleKind.Hierarchy:
                var h = outcome.RuleHierarchy[rule]!;
                var fields = new List<string>();
                Field(fields, "provider", h.Providers, Shown(cube, DimensionKind.Provider, i));
                Field(fields, "billing account", h.BillingAccounts, Shown(cube, DimensionKind.BillingAccount, i));
                Field(fields, "account", h.Accounts, Shown(cube, DimensionKind.Account, i));
                Field(fields, "resource group", h.ResourceGroups, string.Join(" / ", new[] { cube.Value(DimensionKind.Resource, i) }
                    .Concat(cube.AliasesOf(DimensionKind.Resource, cube.ColumnCodes[(int)DimensionKind.Resource][i]))
                    .Select(GlobMatcher.ResourceGroupOf).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).Select(g => $"'{g}'")));
                Field(fields, "resource", h.Resources, Shown(cube, DimensionKind.Resource, i));
                return explanation with
                {
                    Team = teams[owner],
                    Reason = $"no team tag; hierarchy rule '{h.Id}' ({h.Effective}): {string.Join(", ", fields)} -> {teams[owner]}.",
                };
            case AllocationRuleKind.SharedPool:
                var pool = outcome.RulePools[rule]!;
                var parts = outcome.Allocation.Splits[~owner];
                var total = parts.Sum(p => p.Weight);
                var basis = pool.Method switch
                {
                    SplitMethod.Proportional => string.Create(inv, $"in proportion to each team's direct {metric} in {cube.Date(i):yyyy-MM} ({cube.Currency(i)})"),
                    SplitMethod.Fixed => "by fixed percentages",
                    _ => "evenly",
                };
                var shares = parts.Select((p, k) => new AllocationShare(
                    teams[p.Team], Math.Round(p.Weight * 100m / total, 4, MidpointRounding.ToEven), g.Shares[k])).ToList();
                return explanation with
                {
                    Method = pool.Method,
                    Shares = shares,
                    Reason = $"no team tag or hierarchy rule; shared pool '{pool.Id}'{(pool.Description is null ? "" : " (" + pool.Description + ")")} ({pool.Effective}) split {basis}: " +
                        string.Join(", ", shares.Select(s => string.Create(inv, $"{s.Team} {s.Percent:0.##}%"))) + ".",
                };
            default:
                var keys = string.Join(", ", outcome.Rules.TagRules.Where(r => r.Effective.Contains(cube.Date(i))).SelectMany(r => r.Keys).Distinct(StringComparer.OrdinalIgnoreCase));
                return explanation with
                {
                    Team = TagTeamAssignment.Unallocated,
                    Reason = $"no team tag ({(keys.Length == 0 ? "no tag rules" : "keys " + keys)}), no hierarchy rule and no shared pool matched.",
                };
        }
    }

    private static string Shown(CostCube cube, DimensionKind kind, int fact)
    {
        var aliases = cube.AliasesOf(kind, cube.ColumnCodes[(int)kind][fact]);
        return aliases.Count == 0 ? $"'{cube.Value(kind, fact)}'" : $"'{cube.Value(kind, fact)}' (id {string.Join(", ", aliases)})";
    }

    private static void Field(List<string> fields, string name, IReadOnlyList<string> patterns, string value)
    {
        if (patterns.Count > 0)
        {
            fields.Add($"{name} {value} matches {string.Join(" | ", patterns)}");
        }
    }

    /// <summary>The facts of one explanation: count, amount, dates and, for splits, each part's summed share.</summary>
    private sealed class Group(int first)
    {
        public int First { get; } = first;

        public int Last { get; private set; } = first;

        public int Count { get; private set; }

        public decimal Amount { get; private set; }

        public decimal[] Shares { get; private set; } = [];

        public void Add(CostCube cube, CostMetric metric, int fact, TeamAllocation allocation)
        {
            var amount = cube.Amount(metric, fact);
            Count++;
            Last = fact;
            Amount += amount;
            var owner = allocation.Owners[fact];
            if (owner >= 0)
            {
                return;
            }

            var parts = allocation.Splits[~owner];
            if (Shares.Length == 0)
            {
                Shares = new decimal[parts.Length];
            }

            var shares = SplitAmount(amount, parts);
            for (var k = 0; k < parts.Length; k++)
            {
                Shares[k] += shares[k];
            }
        }
    }

    /// <summary>Cumulative rounding, as the query engine does: the parts add up to the amount exactly.</summary>
    internal static decimal[] SplitAmount(decimal amount, TeamPart[] parts)
    {
        var total = parts.Sum(p => p.Weight);
        var result = new decimal[parts.Length];
        var cumulative = 0L;
        var before = 0m;
        for (var k = 0; k < parts.Length; k++)
        {
            cumulative += parts[k].Weight;
            var upTo = amount * cumulative / total;
            result[k] = upTo - before;
            before = upTo;
        }

        return result;
    }
}
