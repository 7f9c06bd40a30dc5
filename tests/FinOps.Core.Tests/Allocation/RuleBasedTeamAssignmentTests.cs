using FinOps.Core.Allocation;
using FinOps.Core.Query;
using static FinOps.Core.Tests.Allocation.AllocationTestRules;
using static FinOps.Core.Tests.Allocation.FactBuilder;

namespace FinOps.Core.Tests.Allocation;

public sealed class RuleBasedTeamAssignmentTests
{
    private const string TeamsYaml = """
        version: 1
        teams:
          - key: payments
            name: Payments
            aliases: [payments-team, pay]
          - key: search
          - key: platform
          - key: data
        """;

    [Fact]
    public void Assign_DefaultRules_SameTeamsAsTagTeamAssignment()
    {
        var cube = new FactBuilder()
            .Add("2026-01-01", 1m, Tag("team", " Payments "))
            .Add("2026-01-01", 2m, Tag(" TEAM", "search"))
            .Add("2026-01-02", 3m, Tag("owner-team", "data"))
            .Add("2026-01-02", 4m, Tag("team", "  "))
            .Add("2026-01-03", 5m)
            .Build();

        var expected = new CostQueryEngine(cube, new TagTeamAssignment()).Execute(new CostQuery { Period = cube.Dates!, GroupBy = [Dimension.Team] });
        var actual = new CostQueryEngine(cube, new RuleBasedTeamAssignment(new AllocationRuleSource())).Execute(new CostQuery { Period = cube.Dates!, GroupBy = [Dimension.Team] });

        Assert.Equal(
            expected.Primary!.Rows.Select(r => (r.Key[0], r.Value)),
            actual.Primary!.Rows.Select(r => (r.Key[0], r.Value)));
        // Blank value (4), no tag (5) and owner-team, which is not a default key (3).
        Assert.Equal(12m, actual.Primary.Rows.Single(r => r.Key[0] == TagTeamAssignment.Unallocated).Value);
    }

    [Fact]
    public void Assign_TagKeyAndValueAliases_NormaliseToTeamKey()
    {
        var rules = Parse(TeamsYaml + """

            tags:
              - id: team-tags
                keys: [team, owner-team]
            """);
        var cube = new FactBuilder()
            .Add("2026-01-01", 1m, Tag("Team", "Payments"))
            .Add("2026-01-01", 2m, Tag(" team", "payments-team"))
            .Add("2026-01-01", 4m, Tag("owner-team", " PAY "))
            .Add("2026-01-01", 8m, Tag("owner-team", "Search"))
            .Add("2026-01-01", 16m, Tag("squad", "search"))
            .Build();

        var teams = Teams(cube, rules);

        Assert.Equal(7m, teams["payments"]);
        Assert.Equal(8m, teams["search"]);
        Assert.Equal(16m, teams[TagTeamAssignment.Unallocated]);
        Assert.Equal(3, teams.Count);
    }

    [Fact]
    public void Assign_FirstListedTagKeyWins()
    {
        var rules = Parse("""
            version: 1
            tags:
              - keys: [owner-team, team]
            """);
        var cube = new FactBuilder().Add("2026-01-01", 1m, new() { ["team"] = "a", ["owner-team"] = "b" }).Build();

        Assert.Equal(1m, Teams(cube, rules)["b"]);
    }

    [Fact]
    public void Assign_HierarchyRules_MatchAccountBillingAccountResourceGlobAndResourceGroup()
    {
        var rules = Parse(TeamsYaml + """

            hierarchy:
              - id: by-account
                team: payments
                account: payments-prod
              - id: by-billing-account
                team: data
                billingAccount: "Acme Data*"
              - id: by-resource
                team: search
                resource: "arn:aws:es:*:search-*"
              - id: by-rg
                team: platform
                resourceGroup: hub-rg
            """);
        var cube = new FactBuilder()
            .Add("2026-01-01", 1m, account: "PAYMENTS-PROD")
            .Add("2026-01-01", 2m, billingAccount: "Acme Data Inc")
            .Add("2026-01-01", 4m, resource: "arn:aws:es:us-east-1:search-logs")
            .Add("2026-01-01", 8m, resource: "/subscriptions/x/resourceGroups/HUB-RG/providers/Microsoft.Network/azureFirewalls/fw")
            .Add("2026-01-01", 16m, resource: "/subscriptions/x/resourceGroups/other/providers/y")
            .Build();

        var teams = Teams(cube, rules);

        Assert.Equal(1m, teams["payments"]);
        Assert.Equal(2m, teams["data"]);
        Assert.Equal(4m, teams["search"]);
        Assert.Equal(8m, teams["platform"]);
        Assert.Equal(16m, teams[TagTeamAssignment.Unallocated]);
    }

    [Fact]
    public void Assign_HierarchyFieldsAreAnded()
    {
        var rules = Parse("""
            version: 1
            hierarchy:
              - id: aws-shared
                team: platform
                provider: AWS
                account: shared
            """);
        var cube = new FactBuilder()
            .Add("2026-01-01", 1m, account: "shared", provider: "AWS")
            .Add("2026-01-01", 2m, account: "shared", provider: "Microsoft")
            .Build();

        var teams = Teams(cube, rules);

        Assert.Equal(1m, teams["platform"]);
        Assert.Equal(2m, teams[TagTeamAssignment.Unallocated]);
    }

    [Fact]
    public void Assign_Precedence_TagThenHierarchyThenPoolThenUnallocated()
    {
        var rules = Parse(TeamsYaml + """

            hierarchy:
              - id: shared-account-to-platform
                team: platform
                account: shared
            pools:
              - id: networking
                match: { service: NAT }
                split: fixed
                percentages: { payments: 50, search: 50 }
            """);
        var cube = new FactBuilder()
            .Add("2026-01-01", 1m, Tag("team", "data"), account: "shared", service: "NAT")
            .Add("2026-01-01", 10m, account: "shared", service: "NAT")
            .Add("2026-01-01", 100m, service: "NAT")
            .Add("2026-01-01", 1000m, service: "EC2")
            .Build();

        var teams = Teams(cube, rules);

        Assert.Equal(1m, teams["data"]);
        Assert.Equal(10m, teams["platform"]);
        Assert.Equal(50m, teams["payments"]);
        Assert.Equal(50m, teams["search"]);
        Assert.Equal(1000m, teams[TagTeamAssignment.Unallocated]);
    }

    [Fact]
    public void Assign_FirstMatchingPoolTakesTheRow()
    {
        var rules = Parse(TeamsYaml + """

            pools:
              - id: unused-commitment
                match: { account: shared, commitmentStatus: Unused }
                split: even
                teams: [payments, search]
              - id: shared-account
                match: { account: shared }
                split: even
                teams: [platform]
            """);
        var cube = new FactBuilder()
            .Add("2026-01-01", 10m, account: "shared", status: "Unused")
            .Add("2026-01-01", 7m, account: "shared", status: "Used")
            .Add("2026-01-01", 3m, account: "shared")
            .Build();

        var teams = Teams(cube, rules);

        Assert.Equal(5m, teams["payments"]);
        Assert.Equal(5m, teams["search"]);
        Assert.Equal(10m, teams["platform"]);
    }

    [Fact]
    public void Assign_EvenSplitOfOddCents_PartsAddUpExactly()
    {
        var rules = Parse(TeamsYaml + """

            pools:
              - id: all
                match: { account: shared }
                split: even
                teams: [payments, search, platform]
            """);
        // Shares are cut at the column's smallest unit (here cents, from 10.01).
        var cube = new FactBuilder().Add("2026-01-01", 10.01m, account: "shared").Build();

        var teams = Teams(cube, rules);

        Assert.Equal(10.01m, teams.Values.Sum());
        Assert.All(teams.Values, v => Assert.InRange(v, 3.33m, 3.34m));
    }

    [Fact]
    public void Assign_EvenSplitWithoutTeams_UsesEveryDeclaredTeam()
    {
        var rules = Parse(TeamsYaml + """

            pools:
              - id: all
                match: { account: shared }
                split: even
            """);
        var cube = new FactBuilder().Add("2026-01-01", 8m, account: "shared").Build();

        var teams = Teams(cube, rules);

        Assert.Equal(["data", "payments", "platform", "search"], teams.Keys.Order());
        Assert.All(teams.Values, v => Assert.Equal(2m, v));
    }

    [Fact]
    public void Assign_ProportionalSplit_ByDirectCostOfSameMonthAndCurrency()
    {
        var rules = Parse(TeamsYaml + """

            pools:
              - id: shared
                match: { account: shared }
                split: proportional
                teams: [payments, search]
            """);
        var cube = new FactBuilder()
            .Add("2026-01-03", 30m, Tag("team", "payments"))
            .Add("2026-01-04", 10m, Tag("team", "search"))
            .Add("2026-01-20", 100m, account: "shared")
            .Add("2026-02-03", 10m, Tag("team", "payments"))
            .Add("2026-02-04", 40m, Tag("team", "search"))
            .Add("2026-02-20", 100m, account: "shared")
            .Add("2026-02-05", 500m, Tag("team", "search"), currency: "EUR")
            .Add("2026-02-20", 100m, account: "shared", currency: "EUR")
            .Build();

        var january = Teams(cube, rules, new DateRange(new(2026, 1, 1), new(2026, 2, 1)));
        var february = Teams(cube, rules, new DateRange(new(2026, 2, 1), new(2026, 3, 1)));
        var februaryEur = Teams(cube, rules, new DateRange(new(2026, 2, 1), new(2026, 3, 1)), currency: "EUR");

        Assert.Equal(30m + 75m, january["payments"]);
        Assert.Equal(10m + 25m, january["search"]);
        Assert.Equal(10m + 20m, february["payments"]);
        Assert.Equal(40m + 80m, february["search"]);
        Assert.Equal(600m, februaryEur["search"]);
        Assert.False(februaryEur.ContainsKey("payments"));
    }

    [Fact]
    public void Assign_ProportionalSplit_UsesTheQueryMetricOnly()
    {
        var rules = Parse(TeamsYaml + """

            pools:
              - id: shared
                match: { account: shared }
                split: proportional
            """);
        var cube = new FactBuilder()
            .Add("2026-01-03", 30m, Tag("team", "payments"), billed: 10m)
            .Add("2026-01-04", 10m, Tag("team", "search"), billed: 30m)
            .Add("2026-01-20", 100m, account: "shared")
            .Build();

        var effective = Teams(cube, rules, metric: CostMetric.EffectiveCost);
        var billed = Teams(cube, rules, metric: CostMetric.BilledCost);

        Assert.Equal(105m, effective["payments"]);
        Assert.Equal(35m, effective["search"]);
        Assert.Equal(35m, billed["payments"]);
        Assert.Equal(105m, billed["search"]);
    }

    [Fact]
    public void Assign_ProportionalPoolSharesAreNotDirectCost()
    {
        // Pool B is proportional to direct cost; pool A's shares must not count as direct cost.
        var rules = Parse(TeamsYaml + """

            pools:
              - id: a
                match: { account: a }
                split: fixed
                percentages: { search: 100 }
              - id: b
                match: { account: b }
                split: proportional
                teams: [payments, search]
            """);
        var cube = new FactBuilder()
            .Add("2026-01-03", 10m, Tag("team", "payments"))
            .Add("2026-01-03", 10m, Tag("team", "search"))
            .Add("2026-01-04", 1000m, account: "a")
            .Add("2026-01-05", 100m, account: "b")
            .Build();

        var teams = Teams(cube, rules);

        Assert.Equal(60m, teams["payments"]);
        Assert.Equal(1060m, teams["search"]);
    }

    [Fact]
    public void Assign_ProportionalWithoutDirectCost_FallsBackToEven()
    {
        var rules = Parse(TeamsYaml + """

            pools:
              - id: shared
                match: { account: shared }
                split: proportional
                teams: [payments, search]
            """);
        var cube = new FactBuilder().Add("2026-01-20", 100m, account: "shared").Build();

        var teams = Teams(cube, rules);

        Assert.Equal(50m, teams["payments"]);
        Assert.Equal(50m, teams["search"]);
    }

    [Fact]
    public void Assign_FixedPercentages_SplitExactly()
    {
        var rules = Parse(TeamsYaml + """

            pools:
              - id: hub
                match: { account: hub }
                split: fixed
                percentages: { platform: 40, payments: 25, search: 20, data: 15 }
            """);
        var cube = new FactBuilder().Add("2026-01-20", 200m, account: "hub").Build();

        var teams = Teams(cube, rules);

        Assert.Equal(80m, teams["platform"]);
        Assert.Equal(50m, teams["payments"]);
        Assert.Equal(40m, teams["search"]);
        Assert.Equal(30m, teams["data"]);
    }

    [Fact]
    public void Assign_EffectiveDates_ApplyRulesOnlyInsideTheirPeriod()
    {
        var rules = Parse(TeamsYaml + """

            hierarchy:
              - id: old-owner
                team: search
                account: legacy
                until: 2026-02-01
              - id: new-owner
                team: payments
                account: legacy
                from: 2026-02-01
            tags:
              - id: team-tag
                keys: [team]
                from: 2026-03-01
            """);
        var cube = new FactBuilder()
            .Add("2026-01-31", 1m, Tag("team", "data"), account: "legacy")
            .Add("2026-02-01", 2m, Tag("team", "data"), account: "legacy")
            .Add("2026-03-01", 4m, Tag("team", "data"), account: "legacy")
            .Build();

        var teams = Teams(cube, rules);

        Assert.Equal(1m, teams["search"]);
        Assert.Equal(2m, teams["payments"]);
        Assert.Equal(4m, teams["data"]);
    }

    [Fact]
    public void Assign_NoRules_EverythingUnallocatedAndVisible()
    {
        var rules = Parse("version: 1\ntags: []\n");
        var cube = new FactBuilder().Add("2026-01-01", 5m, Tag("team", "payments")).Build();

        var teams = Teams(cube, rules);

        Assert.Equal(5m, Assert.Single(teams).Value);
        Assert.Equal(TagTeamAssignment.Unallocated, teams.Keys.Single());
    }

    [Fact]
    public void Assign_SameRulesTwice_IdenticalAllocation()
    {
        var rules = Parse(TeamsYaml + """

            pools:
              - id: shared
                match: { account: shared }
                split: proportional
            """);
        var cube = new FactBuilder()
            .Add("2026-01-03", 30m, Tag("team", "payments"))
            .Add("2026-01-04", 10m, Tag("team", "search"))
            .Add("2026-01-20", 100m, account: "shared")
            .Build();
        var assignment = new RuleBasedTeamAssignment(new AllocationRuleSource(rules));

        var first = assignment.Assign(cube, CostMetric.EffectiveCost);
        var second = assignment.Assign(cube, CostMetric.EffectiveCost);

        Assert.Equal(first.Teams, second.Teams);
        for (var i = 0; i < cube.Count; i++)
        {
            Assert.Equal(first.PartsOf(i), second.PartsOf(i));
        }
    }

    [Fact]
    public void Assign_EmptyCube_NoFactsNoError()
    {
        var rules = Parse(TeamsYaml + "\npools:\n  - id: p\n    split: proportional\n");

        var allocation = new RuleBasedTeamAssignment(new AllocationRuleSource(rules)).Assign(CostCube.Empty, CostMetric.EffectiveCost);

        Assert.Equal(TagTeamAssignment.Unallocated, allocation.Teams[0]);
        Assert.False(AllocationReports.Reallocate(CostCube.Empty, AllocationRules.Default, rules).HasChanges);
    }

    [Fact]
    public void Execute_TeamAsFilterGroupAndTopN_IncludesPoolShares()
    {
        var rules = Parse(TeamsYaml + """

            pools:
              - id: hub
                match: { account: hub }
                split: fixed
                percentages: { platform: 50, payments: 50 }
            """);
        var cube = new FactBuilder()
            .Add("2026-01-03", 30m, Tag("team", "payments"), service: "RDS")
            .Add("2026-01-04", 10m, Tag("team", "search"), service: "ES")
            .Add("2026-01-05", 100m, account: "hub", service: "Firewall")
            .Build();
        var engine = new CostQueryEngine(cube, new RuleBasedTeamAssignment(new AllocationRuleSource(rules)));

        var filtered = engine.Execute(new CostQuery
        {
            Period = cube.Dates!,
            Filters = new Dictionary<Dimension, IReadOnlyList<string>> { [Dimension.Team] = ["PAYMENTS"] },
            GroupBy = [Dimension.Service],
        }).Primary!;
        var top = engine.Execute(new CostQuery { Period = cube.Dates!, GroupBy = [Dimension.Team], Top = 1 }).Primary!;

        Assert.Equal(80m, filtered.Total);
        Assert.Equal([("Firewall", 50m), ("RDS", 30m)], filtered.Rows.Select(r => (r.Key[0], r.Value)));
        Assert.Equal(("payments", 80m), (top.Rows.Single().Key[0], top.Rows.Single().Value));
        Assert.Equal(60m, top.Other!.Value);
        Assert.Equal(["payments", "platform", "search"], engine.DimensionValues(Dimension.Team).Where(t => t != TagTeamAssignment.Unallocated));
    }

    [Fact]
    public void Assign_HierarchyRuleNamingAnAlias_MatchesValueShownByName()
    {
        var b = new CostCubeBuilder();
        var account = b.AddValue(DimensionKind.Account, "payments-prod");
        b.AddAlias(DimensionKind.Account, account, "204816379521");
        b.AddAlias(DimensionKind.Account, account, "204816379521");
        b.Add(new CostCubeFact(
            new DateOnly(2026, 1, 1), b.AddCurrency("USD"), b.AddTagSet(new Dictionary<string, string>()), b.AddValue(DimensionKind.Provider, "AWS"),
            b.AddValue(DimensionKind.Service, "EC2"), b.AddValue(DimensionKind.Category, "Compute"), b.AddValue(DimensionKind.Region, "r"), account,
            b.AddValue(DimensionKind.BillingAccount, "b"), b.AddValue(DimensionKind.Resource, "i-1"), b.AddValue(DimensionKind.ChargeCategory, "Usage"),
            b.AddValue(DimensionKind.PricingCategory, "Standard"), 5m, 5m, 5m, 5m));
        var cube = b.Build();
        var rules = Parse("version: 1\nhierarchy:\n  - id: by-id\n    team: payments\n    account: \"2048*\"\n");

        var teams = Teams(cube, rules);

        Assert.Equal(["204816379521"], cube.AliasesOf(DimensionKind.Account, account));
        Assert.Equal(5m, teams["payments"]);
        Assert.Contains("(id 204816379521)", AllocationReports.ExplainFact(cube, rules, CostMetric.EffectiveCost, 0).Reason, StringComparison.Ordinal);
    }
}
