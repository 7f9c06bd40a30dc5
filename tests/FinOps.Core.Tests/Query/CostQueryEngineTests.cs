using FinOps.Core.Query;

namespace FinOps.Core.Tests.Query;

public sealed class CostQueryEngineTests
{
    private readonly CostQueryEngine _engine = new(CubeFixture.Build(), new TagTeamAssignment());

    private static Dictionary<Dimension, IReadOnlyList<string>> Filter(Dimension d, params string[] values) => new() { [d] = values };

    private static string[] Keys(CurrencyCostResult r) => r.Rows.Select(x => string.Join("/", x.Key)).ToArray();

    [Fact]
    public void Execute_TotalForMonth_SumsPerCurrencyLargestFirst()
    {
        var result = _engine.Execute(new CostQuery { Period = CubeFixture.January });

        Assert.Equal(["USD", "EUR"], result.ByCurrency.Select(c => c.Currency));
        Assert.Equal(38.75m, result.ByCurrency[0].Total);
        Assert.Equal(7m, result.ByCurrency[1].Total);
        var row = Assert.Single(result.ByCurrency[0].Rows);
        Assert.Empty(row.Key);
        Assert.Equal(38.75m, row.Value);
        Assert.Null(row.CompareValue);
        Assert.Null(result.ByCurrency[0].CompareTotal);
    }

    [Fact]
    public void Execute_BilledCostMetric_SumsBilledCost()
    {
        var result = _engine.Execute(new CostQuery { Period = CubeFixture.January, Metric = CostMetric.BilledCost });

        Assert.Equal(40.75m, result.Primary!.Total);
    }

    [Fact]
    public void Execute_PeriodIsHalfOpen_EndDayExcluded()
    {
        var result = _engine.Execute(new CostQuery { Period = new DateRange(new DateOnly(2026, 1, 6), new DateOnly(2026, 1, 12)) });

        Assert.Equal(5.50m, result.Primary!.Total);
    }

    [Fact]
    public void Execute_GroupByTeam_UsesTrimmedLowerCasedTeamTagAndUnallocated()
    {
        var usd = _engine.Execute(new CostQuery { Period = CubeFixture.January, GroupBy = [Dimension.Team] }).Primary!;

        Assert.Equal(["search", "payments", "Unallocated"], Keys(usd));
        Assert.Equal([20m, 15.50m, 3.25m], usd.Rows.Select(r => r.Value));
        Assert.Equal(usd.Total, usd.Rows.Sum(r => r.Value));
    }

    [Fact]
    public void Execute_FilterValues_CaseInsensitiveOrWithinAndAcross()
    {
        var awsOnly = _engine.Execute(new CostQuery { Period = CubeFixture.January, Filters = Filter(Dimension.Provider, "aws") });
        var both = _engine.Execute(new CostQuery
        {
            Period = CubeFixture.January,
            Filters = new Dictionary<Dimension, IReadOnlyList<string>>
            {
                [Dimension.Provider] = ["AWS", "azure"],
                [Dimension.Service] = [" ec2 "],
            },
        });

        Assert.Equal(18.75m, awsOnly.Primary!.Total);
        Assert.Equal(13.25m, both.Primary!.Total);
        Assert.Single(both.ByCurrency);
    }

    [Fact]
    public void Execute_TopN_FoldsRestIntoOtherAndTotalStaysExact()
    {
        var usd = _engine.Execute(new CostQuery { Period = CubeFixture.January, GroupBy = [Dimension.Service], Top = 1 }).Primary!;

        Assert.Equal(["VM"], Keys(usd));
        Assert.NotNull(usd.Other);
        Assert.Equal(["Other"], usd.Other.Key);
        Assert.Equal(18.75m, usd.Other.Value);
        Assert.Equal(usd.Total, usd.Rows.Sum(r => r.Value) + usd.Other.Value);
    }

    [Fact]
    public void Execute_TopNCoversAll_NoOther()
    {
        var usd = _engine.Execute(new CostQuery { Period = CubeFixture.January, GroupBy = [Dimension.Service], Top = 5 }).Primary!;

        Assert.Null(usd.Other);
        Assert.Equal(3, usd.Rows.Count);
    }

    [Fact]
    public void Execute_ComparePeriod_MatchesRowsByKey()
    {
        var usd = _engine.Execute(new CostQuery
        {
            Period = CubeFixture.January,
            ComparePeriod = CubeFixture.December,
            GroupBy = [Dimension.Team],
        }).Primary!;

        Assert.Equal(12m, usd.CompareTotal);
        Assert.Equal(38.75m, usd.Total);
        var byKey = usd.Rows.ToDictionary(r => r.Key[0]);
        Assert.Equal(8m, byKey["payments"].CompareValue);
        Assert.Equal(4m, byKey["search"].CompareValue);
        Assert.Equal(0m, byKey["Unallocated"].CompareValue);
    }

    [Fact]
    public void Execute_CompareOnlyKey_ShowsRowWithZeroValue()
    {
        var usd = _engine.Execute(new CostQuery
        {
            Period = new DateRange(new DateOnly(2026, 1, 6), new DateOnly(2026, 1, 7)),
            ComparePeriod = new DateRange(new DateOnly(2025, 12, 16), new DateOnly(2025, 12, 17)),
            GroupBy = [Dimension.Service],
        }).Primary!;

        Assert.Equal(["S3", "VM"], Keys(usd));
        Assert.Equal(0m, usd.Rows[1].Value);
        Assert.Equal(4m, usd.Rows[1].CompareValue);
    }

    [Fact]
    public void Execute_WeeklyTrend_BucketsStartMondayAndSortByBucket()
    {
        var usd = _engine.Execute(new CostQuery { Period = CubeFixture.January, Granularity = Granularity.Week }).Primary!;

        Assert.Equal([new DateOnly(2026, 1, 5), new DateOnly(2026, 1, 12)], usd.Rows.Select(r => r.Bucket!.Value));
        Assert.Equal([15.50m, 23.25m], usd.Rows.Select(r => r.Value));
    }

    [Fact]
    public void Execute_DailyTrendForOneTeam_FiltersThenBuckets()
    {
        var usd = _engine.Execute(new CostQuery
        {
            Period = CubeFixture.January,
            Granularity = Granularity.Day,
            Filters = Filter(Dimension.Team, "PAYMENTS"),
        }).Primary!;

        Assert.Equal([new DateOnly(2026, 1, 5), new DateOnly(2026, 1, 6)], usd.Rows.Select(r => r.Bucket!.Value));
        Assert.Equal(15.50m, usd.Total);
    }

    [Fact]
    public void Execute_MonthlyTrendWithCompare_AlignsBucketsByPosition()
    {
        var usd = _engine.Execute(new CostQuery
        {
            Period = new DateRange(new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 1)),
            ComparePeriod = new DateRange(new DateOnly(2025, 12, 1), new DateOnly(2026, 2, 1)),
            Granularity = Granularity.Month,
        }).Primary!;

        Assert.Equal([new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1)], usd.Rows.Select(r => r.Bucket!.Value));
        Assert.Equal([38.75m, 100m], usd.Rows.Select(r => r.Value));
        Assert.Equal([12m, 38.75m], usd.Rows.Select(r => r.CompareValue!.Value));
        Assert.Equal(50.75m, usd.CompareTotal);
    }

    [Fact]
    public void Execute_TrendWithTopN_OtherHoldsEverythingLeftOut()
    {
        var usd = _engine.Execute(new CostQuery
        {
            Period = CubeFixture.January,
            Granularity = Granularity.Week,
            GroupBy = [Dimension.Service],
            Top = 1,
        }).Primary!;

        Assert.All(usd.Rows, r => Assert.Equal("VM", r.Key[0]));
        Assert.Equal(18.75m, usd.Other!.Value);
        Assert.Equal(usd.Total, usd.Rows.Sum(r => r.Value) + usd.Other.Value);
    }

    [Fact]
    public void Execute_TagDimension_TrimsKeyAndReportsUntagged()
    {
        var usd = _engine.Execute(new CostQuery { Period = CubeFixture.January, GroupBy = [Dimension.Parse("tag: ENV")] }).Primary!;

        Assert.Equal([CostQueryEngine.Untagged, "Prod"], Keys(usd));
        Assert.Equal([28.75m, 10m], usd.Rows.Select(r => r.Value));
    }

    [Fact]
    public void Execute_FilterUntaggedTag_MatchesFactsWithoutTheKey()
    {
        var result = _engine.Execute(new CostQuery { Period = CubeFixture.January, Filters = Filter(Dimension.Tag("team"), CostQueryEngine.Untagged) });

        Assert.Equal(3.25m, result.Primary!.Total);
    }

    [Fact]
    public void Execute_EnvironmentDimension_ReadsEnvironmentOrEnvLowerCased()
    {
        var usd = _engine.Execute(new CostQuery { Period = CubeFixture.January, GroupBy = [Dimension.Environment] }).Primary!;

        Assert.Equal(["dev", "prod", CostQueryEngine.Untagged], Keys(usd));
        Assert.Equal([20m, 10m, 8.75m], usd.Rows.Select(r => r.Value));
    }

    [Fact]
    public void Execute_TwoGroupBys_KeysInOrder()
    {
        var usd = _engine.Execute(new CostQuery { Period = CubeFixture.January, GroupBy = [Dimension.Provider, Dimension.Account] }).Primary!;

        Assert.Equal(["Azure/sub-1", "AWS/prod-acct", "AWS/dev-acct"], Keys(usd));
    }

    [Fact]
    public void Execute_NothingInPeriod_NoCurrencies()
    {
        var result = _engine.Execute(new CostQuery { Period = new DateRange(new DateOnly(2030, 1, 1), new DateOnly(2030, 2, 1)) });

        Assert.Empty(result.ByCurrency);
        Assert.Null(result.Primary);
    }

    [Fact]
    public void Execute_ThreeGroupBys_Throws()
    {
        var query = new CostQuery { Period = CubeFixture.January, GroupBy = [Dimension.Team, Dimension.Service, Dimension.Region] };

        Assert.Throws<ArgumentException>(() => _engine.Execute(query));
    }

    [Fact]
    public void DimensionValues_Team_ListsTeamsPresent()
    {
        Assert.Equal(["data", "payments", "search", "Unallocated"], _engine.DimensionValues(Dimension.Team));
        Assert.Equal(["AWS", "Azure", "GCP"], _engine.DimensionValues(Dimension.Provider));
        Assert.Equal([CostQueryEngine.Untagged, "Prod"], _engine.DimensionValues(Dimension.Tag("env")));
    }

    [Fact]
    public void Execute_SplitTeams_PartsConserveTotalToTheSmallestUnit()
    {
        var engine = new CostQueryEngine(CubeFixture.Build(), new ThirdsAssignment());

        var usd = engine.Execute(new CostQuery { Period = CubeFixture.January, GroupBy = [Dimension.Team] }).Primary!;
        var filtered = engine.Execute(new CostQuery { Period = CubeFixture.January, Filters = Filter(Dimension.Team, "a", "b") }).Primary!;

        Assert.Equal(38.75m, usd.Total);
        Assert.Equal(38.75m, usd.Rows.Sum(r => r.Value));
        // Cumulative rounding per fact: 10.00 -> 3.33/3.33/3.34, 5.50 -> 1.83/1.83/1.84,
        // 20.00 -> 6.66/6.67/6.67, 3.25 -> 1.08/1.08/1.09.
        Assert.Equal(["c", "b", "a"], Keys(usd));
        Assert.Equal([12.94m, 12.91m, 12.90m], usd.Rows.Select(r => r.Value));
        Assert.Equal(38.75m - usd.Rows[0].Value, filtered.Total);
    }

    [Fact]
    public void Execute_ValuesBeyondFixedPointRange_StayExact()
    {
        var b = new CostCubeBuilder();
        var tiny = 0.0000000000000000001m;
        foreach (var amount in new[] { tiny, 1m, tiny })
        {
            b.Add(new CostCubeFact(new DateOnly(2026, 1, 1), b.AddCurrency("USD"), b.AddTagSet(new Dictionary<string, string>()), 0, 0, 0, 0, 0, 0, 0, 0, 0, amount, amount, amount, amount)
                with { Provider = b.AddValue(DimensionKind.Provider, "AWS"), Service = b.AddValue(DimensionKind.Service, null), Category = b.AddValue(DimensionKind.Category, null), Region = b.AddValue(DimensionKind.Region, null), Account = b.AddValue(DimensionKind.Account, null), BillingAccount = b.AddValue(DimensionKind.BillingAccount, null), Resource = b.AddValue(DimensionKind.Resource, null), ChargeCategory = b.AddValue(DimensionKind.ChargeCategory, null), PricingCategory = b.AddValue(DimensionKind.PricingCategory, null) });
        }

        var engine = new CostQueryEngine(b.Build(), new TagTeamAssignment());
        var result = engine.Execute(new CostQuery { Period = CostCalendarMonth(), GroupBy = [Dimension.Service] });

        Assert.Equal(1.0000000000000000002m, result.Primary!.Total);
        Assert.Equal([CostCube.None], Keys(result.Primary));
    }

    [Fact]
    public void Execute_ValuesOfGrowingScaleAndSign_SumExactly()
    {
        var b = new CostCubeBuilder(16);
        var amounts = new[] { 3m, 1.50m, -0.25m, 0.000001m, 12345678.123456789m, -7m };
        foreach (var amount in amounts)
        {
            b.Add(new CostCubeFact(
                new DateOnly(2026, 1, 2), b.AddCurrency("USD"), b.AddTagSet(new Dictionary<string, string>()),
                b.AddValue(DimensionKind.Provider, "AWS"), b.AddValue(DimensionKind.Service, "S"), b.AddValue(DimensionKind.Category, "C"),
                b.AddValue(DimensionKind.Region, "R"), b.AddValue(DimensionKind.Account, "A"), b.AddValue(DimensionKind.BillingAccount, "B"),
                b.AddValue(DimensionKind.Resource, "X"), b.AddValue(DimensionKind.ChargeCategory, "Usage"), b.AddValue(DimensionKind.PricingCategory, "P"),
                amount, amount, amount, amount));
        }

        var cube = b.Build();
        var result = new CostQueryEngine(cube, new TagTeamAssignment()).Execute(new CostQuery { Period = CostCalendarMonth() });

        Assert.Equal(amounts.Sum(), result.Primary!.Total);
        Assert.Equal(1.50m, cube.Amount(CostMetric.EffectiveCost, 1));
        Assert.Equal(-0.25m, cube.Amount(CostMetric.BilledCost, 2));
    }

    [Fact]
    public void Execute_ManyGroupSlots_SparseAccumulatorGivesSameAnswer()
    {
        // 600 resources x 600 services is more slots than the dense accumulator takes.
        var b = new CostCubeBuilder(16);
        var tags = b.AddTagSet(new Dictionary<string, string>());
        for (var i = 0; i < 600; i++)
        {
            b.Add(new CostCubeFact(
                new DateOnly(2026, 1, 1 + (i % 28)), b.AddCurrency("USD"), tags,
                b.AddValue(DimensionKind.Provider, "AWS"), b.AddValue(DimensionKind.Service, "s" + i), b.AddValue(DimensionKind.Category, "C"),
                b.AddValue(DimensionKind.Region, "R"), b.AddValue(DimensionKind.Account, "A"), b.AddValue(DimensionKind.BillingAccount, "B"),
                b.AddValue(DimensionKind.Resource, "r" + i), b.AddValue(DimensionKind.ChargeCategory, "Usage"), b.AddValue(DimensionKind.PricingCategory, "P"),
                i, i, i, i));
        }

        var usd = new CostQueryEngine(b.Build(), new TagTeamAssignment())
            .Execute(new CostQuery { Period = CostCalendarMonth(), GroupBy = [Dimension.Resource, Dimension.Service], Top = 10 }).Primary!;

        Assert.Equal(599m * 600 / 2, usd.Total);
        Assert.Equal(["r599", "s599"], usd.Rows[0].Key);
        Assert.Equal(10, usd.Rows.Count);
        Assert.Equal(usd.Total, usd.Rows.Sum(r => r.Value) + usd.Other!.Value);
    }

    [Fact]
    public void Execute_TopCutsThroughTiedValues_KeepsTiedKeysInLabelOrder()
    {
        // Values 9, 5, 5, 5, 5, 1 under names that sort differently from insertion order; a top 3 keeps 9 and the two
        // alphabetically first of the four 5s, and everything else is "other".
        var b = new CostCubeBuilder(16);
        var tags = b.AddTagSet(new Dictionary<string, string>());
        (string Service, decimal Value)[] facts = [("zeta", 5m), ("big", 9m), ("delta", 5m), ("alpha", 5m), ("small", 1m), ("beta", 5m)];
        foreach (var (service, value) in facts)
        {
            b.Add(new CostCubeFact(
                new DateOnly(2026, 1, 2), b.AddCurrency("USD"), tags,
                b.AddValue(DimensionKind.Provider, "AWS"), b.AddValue(DimensionKind.Service, service), b.AddValue(DimensionKind.Category, "C"),
                b.AddValue(DimensionKind.Region, "R"), b.AddValue(DimensionKind.Account, "A"), b.AddValue(DimensionKind.BillingAccount, "B"),
                b.AddValue(DimensionKind.Resource, "r-" + service), b.AddValue(DimensionKind.ChargeCategory, "Usage"), b.AddValue(DimensionKind.PricingCategory, "P"),
                value, value, value, value));
        }

        var usd = new CostQueryEngine(b.Build(), new TagTeamAssignment())
            .Execute(new CostQuery { Period = CostCalendarMonth(), GroupBy = [Dimension.Service], Top = 3 }).Primary!;

        Assert.Equal(["big", "alpha", "beta"], usd.Rows.Select(r => r.Key[0]));
        Assert.Equal(11m, usd.Other!.Value);
        Assert.Equal(30m, usd.Total);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(70)]
    public void Execute_TopOfManyKeys_KeepsTheLargestInOrder(int top)
    {
        // 600 services with values in a scrambled order (i * 7 mod 600 is a permutation): the top N are 599, 598, ...
        var b = new CostCubeBuilder(16);
        var tags = b.AddTagSet(new Dictionary<string, string>());
        for (var i = 0; i < 600; i++)
        {
            var value = i * 7 % 600;
            b.Add(new CostCubeFact(
                new DateOnly(2026, 1, 1 + (i % 28)), b.AddCurrency("USD"), tags,
                b.AddValue(DimensionKind.Provider, "AWS"), b.AddValue(DimensionKind.Service, "s" + value), b.AddValue(DimensionKind.Category, "C"),
                b.AddValue(DimensionKind.Region, "R"), b.AddValue(DimensionKind.Account, "A"), b.AddValue(DimensionKind.BillingAccount, "B"),
                b.AddValue(DimensionKind.Resource, "r" + i), b.AddValue(DimensionKind.ChargeCategory, "Usage"), b.AddValue(DimensionKind.PricingCategory, "P"),
                value, value, value, value));
        }

        var usd = new CostQueryEngine(b.Build(), new TagTeamAssignment())
            .Execute(new CostQuery { Period = CostCalendarMonth(), GroupBy = [Dimension.Service], Top = top }).Primary!;

        Assert.Equal(Enumerable.Range(600 - top, top).Reverse().Select(v => "s" + v), usd.Rows.Select(r => r.Key[0]));
        Assert.Equal(Enumerable.Range(0, 600 - top).Sum(v => (decimal)v), usd.Other!.Value);
    }

    private static DateRange CostCalendarMonth() => FinOps.Core.Calendar.CostCalendar.Month(2026, 1);

    private sealed class ThirdsAssignment : ITeamAssignment
    {
        public TeamAllocation Assign(CostCube cube, CostMetric metric)
        {
            var owners = new int[cube.Count];
            Array.Fill(owners, ~0);
            return new TeamAllocation(["a", "b", "c"], owners, [[new TeamPart(0, 1), new TeamPart(1, 1), new TeamPart(2, 1)]]);
        }
    }
}
