using FinOps.Core.Query;
using FinOps.Core.Tests.Allocation;

namespace FinOps.Core.Tests.Query;

public sealed class CostQueryEngineKindsTests
{
    private static readonly DateRange January = new(new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1));

    // 2026-01-03 is a Saturday, 01-04 a Sunday, 01-05 a Monday.
    private readonly CostQueryEngine _engine = new(new FactBuilder()
        .Add("2026-01-03", 1m, provider: "AWS", status: "Used")
        .Add("2026-01-04", 2m, provider: "Azure", status: "Unused")
        .Add("2026-01-05", 4m, provider: "AWS")
        .Add("2026-01-06", 8m, provider: "GCP", status: "Unused")
        .Build(), new TagTeamAssignment());

    [Theory]
    [InlineData(DayFilter.All, 15)]
    [InlineData(DayFilter.Weekends, 3)]
    [InlineData(DayFilter.Weekdays, 12)]
    public void Execute_DayFilter_CountsOnlyThoseDays(DayFilter days, int expected)
    {
        var result = _engine.Execute(new CostQuery { Period = January, Days = days });

        Assert.Equal(expected, result.Primary!.Total);
    }

    [Fact]
    public void Execute_Exclusions_DropListedValuesAndKeepTheRest()
    {
        var result = _engine.Execute(new CostQuery
        {
            Period = January,
            Exclusions = new Dictionary<Dimension, IReadOnlyList<string>> { [Dimension.Provider] = ["aws"] },
            GroupBy = [Dimension.Provider],
        });

        Assert.Equal(10m, result.Primary!.Total);
        Assert.Equal(["GCP", "Azure"], result.Primary.Rows.OrderByDescending(r => r.Value).Select(r => r.Key[0]));
    }

    [Fact]
    public void Execute_ExclusionsAndFilters_Combine()
    {
        var result = _engine.Execute(new CostQuery
        {
            Period = January,
            Filters = new Dictionary<Dimension, IReadOnlyList<string>> { [Dimension.Provider] = ["AWS", "GCP"] },
            Exclusions = new Dictionary<Dimension, IReadOnlyList<string>> { [Dimension.Provider] = ["GCP"] },
            Days = DayFilter.Weekdays,
        });

        Assert.Equal(4m, result.Primary!.Total);
    }

    [Fact]
    public void Execute_TeamExclusion_UsesTheAllocation()
    {
        var engine = new CostQueryEngine(new FactBuilder()
            .Add("2026-01-05", 4m, tags: FactBuilder.Tag("team", "payments"))
            .Add("2026-01-05", 6m, tags: FactBuilder.Tag("team", "search"))
            .Build(), new TagTeamAssignment());

        var result = engine.Execute(new CostQuery { Period = January, Exclusions = new Dictionary<Dimension, IReadOnlyList<string>> { [Dimension.Team] = ["payments"] } });

        Assert.Equal(6m, result.Primary!.Total);
    }

    [Fact]
    public void Execute_CommitmentDiscountStatusUnused_SumsOnlyUnusedFacts()
    {
        var result = _engine.Execute(new CostQuery { Period = January, CommitmentDiscountStatus = "unused" });

        Assert.Equal(10m, result.Primary!.Total);
    }

    [Fact]
    public void Validate_EmptyExclusionList_NamesTheField()
    {
        var query = new CostQuery { Period = January, Exclusions = new Dictionary<Dimension, IReadOnlyList<string>> { [Dimension.Team] = [] } };

        var error = Assert.Throws<ArgumentException>(query.Validate);
        Assert.Contains("exclude.team", error.Message, StringComparison.Ordinal);
    }
}
