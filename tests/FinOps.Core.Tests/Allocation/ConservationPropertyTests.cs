using FinOps.Core.Allocation;
using FinOps.Core.Query;

namespace FinOps.Core.Tests.Allocation;

/// <summary>Conservation as a property: random facts, random rules, random periods, metrics and currencies.</summary>
public sealed class ConservationPropertyTests
{
    private static readonly string[] Currencies = ["USD", "EUR", "JPY"];
    private static readonly string[] TagKeys = ["team", "Team", " team", "owner-team", "squad"];
    private static readonly string[] TagValues = ["payments", "Payments", "payments-team", "search", " Search ", "data", "x", " "];
    private static readonly string[] Accounts = ["a", "b", "shared", "hub", "Legacy"];
    private static readonly string[] Services = ["EC2", "S3", "NAT", "Firewall"];
    private static readonly string[] Resources = ["r1", "r2", "i-123", "/subscriptions/s/resourceGroups/rg1/providers/p/x", "/subscriptions/s/resourceGroups/RG2/providers/p/y"];
    private static readonly string?[] Statuses = [null, "Used", "Unused"];
    private static readonly string[] TeamNames = ["payments", "search", "data", "platform"];

    [Fact]
    public void Allocation_RandomFactsAndRules_SumOverTeamsEqualsUnallocatedTotalToTheCent()
    {
        var random = new Random(20261123);
        var runsWithSplits = 0;
        for (var run = 0; run < 200; run++)
        {
            var cube = RandomCube(random);
            var rules = RandomRules(random);
            var metric = (CostMetric)random.Next(4);
            var dates = cube.Dates!;
            var start = dates.Start.AddDays(random.Next(dates.Days));
            var period = new DateRange(start, start.AddDays(1 + random.Next(dates.End.DayNumber - start.DayNumber)));

            var expected = new Dictionary<string, decimal>(StringComparer.Ordinal);
            for (var i = 0; i < cube.Count; i++)
            {
                if (period.Contains(cube.Date(i)))
                {
                    expected[cube.Currency(i)] = expected.GetValueOrDefault(cube.Currency(i)) + cube.Amount(metric, i);
                }
            }

            var engine = new CostQueryEngine(cube, new RuleBasedTeamAssignment(new AllocationRuleSource(rules)));
            var byTeam = engine.Execute(new CostQuery { Metric = metric, Period = period, GroupBy = [Dimension.Team] });
            var byTeamAndMonth = engine.Execute(new CostQuery { Metric = metric, Period = period, GroupBy = [Dimension.Team, Dimension.Account], Granularity = Granularity.Month });
            var showback = AllocationReports.Showback(cube, rules, metric, period);
            var coverage = AllocationReports.Coverage(cube, rules, metric, period);

            foreach (var (currency, total) in expected)
            {
                var message = $"run {run}, {metric}, {currency}, {period}";
                Assert.True(total == byTeam.ByCurrency.Single(c => c.Currency == currency).Rows.Sum(r => r.Value), message);
                Assert.True(total == byTeamAndMonth.ByCurrency.Single(c => c.Currency == currency).Rows.Sum(r => r.Value), message);
                Assert.True(total == showback.Where(s => s.Currency == currency).Sum(s => s.Total), message);
                var cov = coverage.Single(c => c.Currency == currency);
                Assert.True(total == cov.Total && total == cov.ByTag + cov.ByHierarchy + cov.BySharedSplit + cov.Unallocated, message);
            }

            Assert.Equal(expected.Count, byTeam.ByCurrency.Count);
            runsWithSplits += coverage.Any(c => c.BySharedSplit != 0) ? 1 : 0;
        }

        // The generator must actually exercise shared splits, or the property says little.
        Assert.InRange(runsWithSplits, 40, 200);
    }

    private static CostCube RandomCube(Random random)
    {
        var facts = new FactBuilder();
        var count = 1 + random.Next(60);
        var scale = random.Next(7);
        for (var i = 0; i < count; i++)
        {
            var date = new DateOnly(2025, 11, 15).AddDays(random.Next(120)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            Dictionary<string, string>? tags = random.Next(3) == 0 ? null : new() { [Pick(random, TagKeys)] = Pick(random, TagValues) };
            facts.Add(
                date,
                Amount(random, scale),
                tags,
                account: Pick(random, Accounts),
                service: Pick(random, Services),
                resource: Pick(random, Resources),
                currency: Pick(random, Currencies),
                status: Pick(random, Statuses),
                billed: Amount(random, scale));
        }

        return facts.Build();
    }

    private static decimal Amount(Random random, int scale)
    {
        var units = (decimal)random.NextInt64(-20_000, 2_000_000);
        for (var s = 0; s < scale; s++)
        {
            units /= 10m;
        }

        return units;
    }

    private static AllocationRules RandomRules(Random random)
    {
        var declared = random.Next(2) == 0
            ? TeamNames.Select(t => new AllocationTeam(t, t.ToUpperInvariant(), [], [], t == "payments" ? ["payments-team"] : [])).ToList()
            : [];
        var id = 0;
        var tagRules = Enumerable.Range(0, random.Next(3))
            .Select(_ => new TagRule("t" + id++, [.. Enumerable.Range(0, 1 + random.Next(2)).Select(_ => Pick(random, TagKeys))], RandomPeriod(random)))
            .ToList();
        var hierarchy = Enumerable.Range(0, random.Next(4))
            .Select(_ => new HierarchyRule(
                "h" + id++,
                Pick(random, TeamNames),
                random.Next(3) == 0 ? ["AWS"] : [],
                [],
                random.Next(2) == 0 ? [Pick(random, Accounts)] : [],
                random.Next(3) == 0 ? ["rg*"] : [],
                random.Next(3) == 0 ? ["r*"] : ["*"],
                RandomPeriod(random)))
            .ToList();
        var pools = Enumerable.Range(0, random.Next(4)).Select(_ =>
        {
            var method = (SplitMethod)random.Next(3);
            var percentages = new Dictionary<string, decimal>(StringComparer.Ordinal);
            if (method == SplitMethod.Fixed)
            {
                var members = TeamNames.Where(_ => random.Next(2) == 0).DefaultIfEmpty("data").ToList();
                var left = 100m;
                for (var m = 0; m < members.Count; m++)
                {
                    var pct = m == members.Count - 1 ? left : Math.Round(left * (decimal)random.NextDouble() * 0.9m + 0.01m, 2);
                    percentages[members[m]] = pct;
                    left -= pct;
                }
            }

            var filter = PoolFilter.Everything with
            {
                Accounts = random.Next(2) == 0 ? [Pick(random, Accounts)] : [],
                Services = random.Next(3) == 0 ? [Pick(random, Services)] : [],
                CommitmentDiscountStatuses = random.Next(4) == 0 ? ["Unused"] : [],
                Untagged = random.Next(4) == 0 ? true : null,
            };
            IReadOnlyList<string> teams = method == SplitMethod.Fixed ? [.. percentages.Keys] : random.Next(2) == 0 ? [.. TeamNames.Take(1 + random.Next(4))] : [];
            return new SharedPoolRule("p" + id++, null, filter, method, teams, percentages, RandomPeriod(random));
        }).ToList();

        return new AllocationRules { Teams = declared, TagRules = tagRules, HierarchyRules = hierarchy, Pools = pools };
    }

    private static EffectivePeriod RandomPeriod(Random random) => random.Next(3) switch
    {
        0 => EffectivePeriod.Always,
        1 => new EffectivePeriod(new DateOnly(2025, 12, 1).AddDays(random.Next(90)), null),
        _ => new EffectivePeriod(null, new DateOnly(2025, 12, 1).AddDays(random.Next(90))),
    };

    private static T Pick<T>(Random random, T[] values) => values[random.Next(values.Length)];
}
