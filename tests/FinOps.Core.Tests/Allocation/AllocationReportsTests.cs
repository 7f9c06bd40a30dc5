using FinOps.Core.Allocation;
using FinOps.Core.Query;
using static FinOps.Core.Tests.Allocation.AllocationTestRules;
using static FinOps.Core.Tests.Allocation.FactBuilder;

namespace FinOps.Core.Tests.Allocation;

public sealed class AllocationReportsTests
{
    private static readonly AllocationRules Rules = Parse("""
        version: 1
        revision: r7
        teams:
          - key: payments
            aliases: [payments-team]
          - key: search
          - key: platform
        tags:
          - id: team-tags
            keys: [team, owner-team]
        hierarchy:
          - id: platform-account
            team: platform
            account: platform-prod
        pools:
          - id: shared-services
            description: NAT and DNS
            match: { account: shared }
            split: proportional
            teams: [payments, search]
        """);

    private static readonly DateRange January = new(new(2026, 1, 1), new(2026, 2, 1));

    private static CostCube Cube() => new FactBuilder()
        .Add("2026-01-03", 30m, Tag("owner-team", "Payments-Team"), resource: "db-1", service: "RDS")
        .Add("2026-01-04", 10m, Tag("team", "search"), resource: "es-1", service: "OpenSearch")
        .Add("2026-01-05", 5m, account: "platform-prod", resource: "eks-1", service: "EKS")
        .Add("2026-01-20", 100m, account: "shared", resource: "nat-1", service: "NAT")
        .Add("2026-01-21", 7m, resource: "orphan-1", service: "EBS")
        .Add("2026-01-22", 3m, resource: "orphan-2", service: "EBS")
        .Add("2026-01-22", 2m, resource: "orphan-3", service: "S3")
        .Build();

    [Fact]
    public void ExplainResource_TaggedRow_NamesTagRuleKeyAndAlias()
    {
        var e = Assert.Single(AllocationReports.ExplainResource(Cube(), Rules, CostMetric.EffectiveCost, "DB-1"));

        Assert.Equal(AllocationRuleKind.Tag, e.Kind);
        Assert.Equal("team-tags", e.RuleId);
        Assert.Equal("payments", e.Team);
        Assert.Contains("tag 'owner-team' = 'Payments-Team'", e.Reason, StringComparison.Ordinal);
        Assert.Contains("aliased to 'payments'", e.Reason, StringComparison.Ordinal);
        Assert.Equal(30m, e.Amount);
        Assert.Equal("test.yaml (revision r7)", e.RulesSource);
    }

    [Fact]
    public void ExplainResource_HierarchyRow_NamesRuleAndMatchedAccount()
    {
        var e = Assert.Single(AllocationReports.ExplainResource(Cube(), Rules, CostMetric.EffectiveCost, "eks-1"));

        Assert.Equal(AllocationRuleKind.Hierarchy, e.Kind);
        Assert.Equal("platform-account", e.RuleId);
        Assert.Equal("platform", e.Team);
        Assert.Contains("account 'platform-prod' matches platform-prod", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ExplainResource_PoolRow_ListsSplitMethodAndShares()
    {
        var e = Assert.Single(AllocationReports.ExplainResource(Cube(), Rules, CostMetric.EffectiveCost, "nat-1"));

        Assert.Equal(AllocationRuleKind.SharedPool, e.Kind);
        Assert.Equal("shared-services", e.RuleId);
        Assert.Equal(SplitMethod.Proportional, e.Method);
        Assert.Null(e.Team);
        Assert.Equal([new AllocationShare("payments", 75m, 75m), new AllocationShare("search", 25m, 25m)], e.Shares);
        Assert.Contains("direct EffectiveCost in 2026-01 (USD)", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ExplainResource_UnallocatedRow_SaysNothingMatched()
    {
        var e = Assert.Single(AllocationReports.ExplainResource(Cube(), Rules, CostMetric.EffectiveCost, "orphan-1"));

        Assert.Equal(AllocationRuleKind.Unallocated, e.Kind);
        Assert.Equal(TagTeamAssignment.Unallocated, e.Team);
        Assert.Contains("keys team, owner-team", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ExplainResource_UnknownResource_Empty()
    {
        Assert.Empty(AllocationReports.ExplainResource(Cube(), Rules, CostMetric.EffectiveCost, "nope"));
    }

    [Fact]
    public void ExplainFact_EveryFact_Explained()
    {
        var cube = Cube();

        var kinds = Enumerable.Range(0, cube.Count).Select(i => AllocationReports.ExplainFact(cube, Rules, CostMetric.EffectiveCost, i).Kind).ToList();

        Assert.Equal(2, kinds.Count(k => k == AllocationRuleKind.Tag));
        Assert.Equal(1, kinds.Count(k => k == AllocationRuleKind.Hierarchy));
        Assert.Equal(1, kinds.Count(k => k == AllocationRuleKind.SharedPool));
        Assert.Equal(3, kinds.Count(k => k == AllocationRuleKind.Unallocated));
    }

    [Fact]
    public void Coverage_SplitsCostByRuleKindAndRanksWhatToTagNext()
    {
        var c = Assert.Single(AllocationReports.Coverage(Cube(), Rules, CostMetric.EffectiveCost, January, top: 2));

        Assert.Equal(157m, c.Total);
        Assert.Equal(40m, c.ByTag);
        Assert.Equal(5m, c.ByHierarchy);
        Assert.Equal(100m, c.BySharedSplit);
        Assert.Equal(12m, c.Unallocated);
        Assert.Equal(63.69m, c.BySharedSplitPercent);
        Assert.Equal([new CoverageItem("orphan-1", 7m), new CoverageItem("orphan-2", 3m)], c.TopUnallocatedResources);
        Assert.Equal([new CoverageItem("EBS", 10m), new CoverageItem("S3", 2m)], c.TopUnallocatedServices);
    }

    [Fact]
    public void Showback_DirectAndPoolSharesSeparately_TotalMatchesTeamBreakdown()
    {
        var cube = Cube();
        var teams = Teams(cube, Rules, January);

        var all = AllocationReports.Showback(cube, Rules, CostMetric.EffectiveCost, January);
        var payments = Assert.Single(AllocationReports.Showback(cube, Rules, CostMetric.EffectiveCost, January, "Payments"));

        Assert.Equal(30m, payments.Direct);
        Assert.Equal([new PoolShare("shared-services", SplitMethod.Proportional, 75m)], payments.Shared);
        Assert.Equal(105m, payments.Total);
        Assert.All(all, s => Assert.Equal(teams[s.Team], s.Total));
        Assert.Equal(teams.Count, all.Count);
    }

    [Fact]
    public void Reallocate_RuleChange_ReportsAffectedPeriodAndMoves()
    {
        var cube = new FactBuilder()
            .Add("2025-12-10", 50m, account: "legacy")
            .Add("2026-01-10", 40m, account: "legacy")
            .Add("2026-01-11", 10m, Tag("team", "search"))
            .Add("2026-02-10", 20m, account: "legacy")
            .Build();
        var after = Parse("""
            version: 1
            revision: r2
            hierarchy:
              - id: legacy
                team: platform
                account: legacy
                from: 2026-01-01
            """);

        var report = AllocationReports.Reallocate(cube, AllocationRules.Default, after);

        Assert.True(report.HasChanges);
        Assert.Equal(new DateRange(new(2026, 1, 1), new(2026, 2, 11)), report.AffectedPeriod);
        Assert.Contains(new TeamMove("platform", "USD", 0m, 60m), report.Moves);
        Assert.Contains(new TeamMove(TagTeamAssignment.Unallocated, "USD", 60m, 0m), report.Moves);
        Assert.Contains(new TeamMove("search", "USD", 10m, 10m), report.Moves);
        Assert.Equal(report.Moves.Sum(m => m.Before), report.Moves.Sum(m => m.After));
        Assert.Equal("test.yaml (revision r2)", report.AfterRules);
    }

    [Fact]
    public void Reallocate_SameRules_NothingMoves()
    {
        var report = AllocationReports.Reallocate(Cube(), Rules, Rules);

        Assert.False(report.HasChanges);
        Assert.Empty(report.Moves);
    }
}
