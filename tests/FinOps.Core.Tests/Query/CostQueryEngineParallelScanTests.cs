using System.Globalization;
using FinOps.Core.Allocation;
using FinOps.Core.Query;

namespace FinOps.Core.Tests.Query;

/// <summary>A scan split over the cores must give exactly what one pass gives, whatever the query.</summary>
public sealed class CostQueryEngineParallelScanTests
{
    private const string Rules = """
        version: 1
        teams:
          - key: payments
          - key: search
          - key: data
          - key: platform
        pools:
          - id: hub
            match:
              account: hub
            split: fixed
            percentages: { platform: 40, payments: 35, search: 25 }
          - id: shared
            match:
              untagged: true
            split: proportional
        """;

    private static readonly DateOnly Start = new(2025, 10, 1);

    public static TheoryData<string> Queries => ["total", "provider-month", "team-week", "compare", "filtered-top", "tag-day", "resource-top"];

    [Theory]
    [MemberData(nameof(Queries))]
    public void Execute_SplitScan_EqualsSinglePass(string shape)
    {
        var cube = RandomCube(seed: 20261123, facts: 6_000);
        var rules = new AllocationRuleSource(AllocationRulesParser.Parse(Rules, "allocation.yaml"));
        var single = new CostQueryEngine(cube, new RuleBasedTeamAssignment(rules), parallelScanFacts: int.MaxValue);
        var split = new CostQueryEngine(cube, new RuleBasedTeamAssignment(rules), parallelScanFacts: 1);

        foreach (var metric in Enum.GetValues<CostMetric>())
        {
            var query = Query(shape) with { Metric = metric };

            var expected = single.Execute(query);
            var actual = split.Execute(query);

            Assert.Equal(expected.ByCurrency.Count, actual.ByCurrency.Count);
            for (var c = 0; c < expected.ByCurrency.Count; c++)
            {
                var e = expected.ByCurrency[c];
                var a = actual.ByCurrency[c];
                Assert.Equal(e.Currency, a.Currency);
                Assert.Equal(e.Total, a.Total);
                Assert.Equal(e.CompareTotal, a.CompareTotal);
                Assert.Equal(Describe(e.Rows), Describe(a.Rows));
                Assert.Equal(e.Other is null ? null : Describe([e.Other]), a.Other is null ? null : Describe([a.Other]));
            }
        }
    }

    [Fact]
    public void Constructor_ParallelScanFactsBelowOne_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new CostQueryEngine(CostCube.Empty, new TagTeamAssignment(), parallelScanFacts: 0));

    private static CostQuery Query(string shape)
    {
        var year = new DateRange(Start, Start.AddMonths(12));
        return shape switch
        {
            "total" => new CostQuery { Period = year },
            "provider-month" => new CostQuery { Period = year, GroupBy = [Dimension.Provider], Granularity = Granularity.Month },
            "team-week" => new CostQuery { Period = year, GroupBy = [Dimension.Team], Granularity = Granularity.Week },
            "compare" => new CostQuery
            {
                Period = new DateRange(Start.AddMonths(6), Start.AddMonths(12)),
                ComparePeriod = new DateRange(Start, Start.AddMonths(6)),
                GroupBy = [Dimension.Service, Dimension.Team],
            },
            "filtered-top" => new CostQuery
            {
                Period = year,
                Filters = new Dictionary<Dimension, IReadOnlyList<string>> { [Dimension.Provider] = ["AWS", "Azure"] },
                GroupBy = [Dimension.Account],
                Top = 3,
            },
            "tag-day" => new CostQuery
            {
                Period = new DateRange(Start.AddMonths(2), Start.AddMonths(5)),
                GroupBy = [Dimension.Tag("env")],
                Granularity = Granularity.Day,
            },
            "resource-top" => new CostQuery { Period = year, GroupBy = [Dimension.Resource], Top = 5 },
            _ => throw new ArgumentOutOfRangeException(nameof(shape)),
        };
    }

    private static string[] Describe(IEnumerable<CostRow> rows) =>
        [.. rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{string.Join("/", r.Key)}|{r.Bucket}|{r.Value}|{r.CompareValue}"))];

    /// <summary>Facts in date order (as the store builds cubes) with repeated dimensions, 3 currencies and awkward amounts.</summary>
    private static CostCube RandomCube(int seed, int facts)
    {
        var random = new Random(seed);
        var b = new CostCubeBuilder();
        string[] providers = ["AWS", "Azure", "GCP"];
        string[] services = ["EC2", "S3", "VM", "BigQuery", "RDS"];
        string[] accounts = ["prod", "dev", "hub", "data"];
        string[] teams = ["payments", "search", "data", "platform"];
        string[] currencies = ["USD", "EUR", "JPY"];
        var days = 365;
        for (var i = 0; i < facts; i++)
        {
            var date = Start.AddDays(i * days / facts);
            Dictionary<string, string> tags = random.Next(5) == 0
                ? []
                : new() { ["team"] = teams[random.Next(teams.Length)], ["env"] = random.Next(2) == 0 ? "prod" : "dev" };
            decimal Amount() => random.Next(10) == 0 ? -random.Next(1, 500) / 100m : random.Next(0, 1_000_000) / 10_000m;
            var billed = Amount();
            b.Add(new CostCubeFact(
                date,
                b.AddCurrency(currencies[random.Next(currencies.Length)]),
                b.AddTagSet(tags),
                b.AddValue(DimensionKind.Provider, providers[random.Next(providers.Length)]),
                b.AddValue(DimensionKind.Service, services[random.Next(services.Length)]),
                b.AddValue(DimensionKind.Category, "Compute"),
                b.AddValue(DimensionKind.Region, "eu-west-1"),
                b.AddValue(DimensionKind.Account, accounts[random.Next(accounts.Length)]),
                b.AddValue(DimensionKind.BillingAccount, "acme"),
                b.AddValue(DimensionKind.Resource, $"r-{random.Next(400)}"),
                b.AddValue(DimensionKind.ChargeCategory, "Usage"),
                b.AddValue(DimensionKind.PricingCategory, "Standard"),
                billed,
                Amount(),
                // One metric keeps 20 decimals, beyond the fixed-point range: it runs the decimal path of the scan.
                i == 17 ? 0.00000000000000000001m : Amount(),
                Amount()));
        }

        return b.Build();
    }
}
