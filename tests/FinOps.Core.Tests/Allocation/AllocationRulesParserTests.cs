using FinOps.Core.Allocation;

namespace FinOps.Core.Tests.Allocation;

public sealed class AllocationRulesParserTests
{
    private const string Full = """
        version: 1
        revision: "2026-11 r3"
        teams:
          - key: Payments
            name: Payments Team
            aliases: [payments-team]
            owners:
              - name: Priya Raman
                email: priya@example.com
                slack: U0PAYMENTS1
                entra: 7061796d-656e-7473-0000-00000000000e
            channels:
              - slack: C05PAYMENTS
              - teams: "19:abc@thread.tacv2"
          - key: platform
        tags:
          - id: team-tags
            keys: [team, owner-team]
        hierarchy:
          - id: payments-account
            team: payments-team
            account: [payments-prod, "payments-*"]
            from: 2026-01-01
        pools:
          - id: hub
            description: Azure hub
            match:
              account: hub
              tags: { cost-pool: shared }
              untagged: false
            split: fixed
            percentages: { platform: 60.5, payments: 39.5 }
            until: 2027-01-01
        """;

    [Fact]
    public void Parse_FullFile_ReadsTeamsRulesAndPools()
    {
        var rules = AllocationRulesParser.Parse(Full, "allocation.yaml");

        Assert.Equal(1, rules.Version);
        Assert.Equal("2026-11 r3", rules.Revision);
        var payments = rules.FindTeam("PAYMENTS")!;
        Assert.Equal("payments", payments.Key);
        Assert.Equal("Payments Team", payments.DisplayName);
        var owner = Assert.Single(payments.Owners);
        Assert.Equal("U0PAYMENTS1", owner.SlackUserId);
        Assert.Equal(new Guid("7061796d-656e-7473-0000-00000000000e"), owner.EntraObjectId);
        Assert.Equal([new TeamChannel("slack", "C05PAYMENTS"), new TeamChannel("teams", "19:abc@thread.tacv2")], payments.Channels);
        Assert.Equal(["team", "owner-team"], Assert.Single(rules.TagRules).Keys);
        var hierarchy = Assert.Single(rules.HierarchyRules);
        Assert.Equal("payments", hierarchy.Team);
        Assert.Equal(["payments-prod", "payments-*"], hierarchy.Accounts);
        Assert.Equal(new DateOnly(2026, 1, 1), hierarchy.Effective.From);
        var pool = Assert.Single(rules.Pools);
        Assert.Equal(SplitMethod.Fixed, pool.Method);
        Assert.Equal(60.5m, pool.Percentages["platform"]);
        Assert.Equal("shared", pool.Filter.Tags["cost-pool"]);
        Assert.False(pool.Filter.Untagged);
        Assert.Equal(new DateOnly(2027, 1, 1), pool.Effective.Until);
    }

    [Fact]
    public void Parse_DirectorySections_ReadsMembersApproversAndRoles()
    {
        var rules = AllocationRulesParser.Parse(
            "version: 1\nroles:\n  finance: [Fin@Corp.example]\n  admin:\n    - email: adm@corp.example\n      slack: U0ADMIN01\nteams:\n  - key: a\n    owners: [o@corp.example]\n    members:\n      - m@corp.example\n      - name: Ann\n        email: ann@corp.example\n        entra: 7061796d-656e-7473-0000-00000000000e\n    approvers: [o@corp.example]\n",
            "allocation.yaml");

        var team = Assert.Single(rules.Teams);
        Assert.Equal([new TeamOwner(null, "o@corp.example", null, null)], team.Owners);
        Assert.Equal(["m@corp.example", "ann@corp.example"], team.Members.Select(m => m.Email));
        Assert.Equal(new Guid("7061796d-656e-7473-0000-00000000000e"), team.Members[1].EntraObjectId);
        Assert.Equal("o@corp.example", Assert.Single(team.Approvers).Email);
        Assert.Equal("fin@corp.example", Assert.Single(rules.Roles[FinOps.Core.People.CompanyRole.Finance]).Email);
        Assert.Equal("U0ADMIN01", Assert.Single(rules.Roles[FinOps.Core.People.CompanyRole.Admin]).SlackUserId);
    }

    [Fact]
    public void Parse_NoTagsSection_UsesDefaultTeamTag()
    {
        var rules = AllocationRulesParser.Parse("version: 1", "a.yaml");

        Assert.Equal(["team"], Assert.Single(rules.TagRules).Keys);
    }

    [Theory]
    [InlineData("version: 1\npools:\n  - id: p\n    split: fixed\n    percentages: { a: 60, b: 30 }\n", 5, "pools[0].percentages", "sum to 90")]
    [InlineData("version: 1\npools:\n  - id: p\n    split: fixed\n    percentages: { a: 60, b: 50 }\n", 5, "pools[0].percentages", "sum to 110")]
    [InlineData("version: 1\npools:\n  - id: p\n    split: fixed\n", 3, "pools[0].percentages", "missing")]
    [InlineData("version: 1\npools:\n  - id: p\n    split: even\n    percentages: { a: 100 }\n", 5, "pools[0].percentages", "only for")]
    [InlineData("version: 1\npools:\n  - id: p\n    split: random\n", 4, "pools[0].split", "not a split method")]
    [InlineData("version: 1\npools:\n  - id: p\n    split: fixed\n    percentages: { a: -10, b: 110 }\n", 5, "pools[0].percentages.a", "positive")]
    public void Parse_InvalidPool_ErrorNamesLineAndField(string yaml, int line, string field, string problem)
    {
        var e = Assert.Throws<AllocationRulesException>(() => AllocationRulesParser.Parse(yaml, "rules/allocation.yaml"));

        Assert.Equal("rules/allocation.yaml", e.File);
        Assert.Equal(line, e.Line);
        Assert.Equal(field, e.Field);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.StartsWith($"rules/allocation.yaml:{line}:", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("teams: []\n", 1, "version", "missing")]
    [InlineData("version: 2\n", 1, "version", "not supported")]
    [InlineData("version: 1\nteam:\n  - key: a\n", 2, "(root).team", "unknown field")]
    [InlineData("version: 1\nteams:\n  - key: a\n  - key: A\n", 4, "teams[1].key", "declared twice")]
    [InlineData("version: 1\nteams:\n  - key: Unallocated\n", 3, "teams[0].key", "reserved")]
    [InlineData("version: 1\nteams:\n  - key: a\nhierarchy:\n  - id: h\n    team: b\n    account: x\n", 6, "hierarchy[0].team", "unknown team 'b'")]
    [InlineData("version: 1\nhierarchy:\n  - id: h\n    team: b\n", 3, "hierarchy[0]", "at least one of")]
    [InlineData("version: 1\nhierarchy:\n  - team: b\n    account: x\n", 3, "hierarchy[0].id", "missing")]
    [InlineData("version: 1\nhierarchy:\n  - id: x\n    team: b\n    account: x\n    from: 2026-13-01\n", 6, "hierarchy[0].from", "yyyy-MM-dd")]
    [InlineData("version: 1\nhierarchy:\n  - id: x\n    team: b\n    account: x\n    from: 2026-02-01\n    until: 2026-01-01\n", 7, "hierarchy[0].until", "after")]
    [InlineData("version: 1\nhierarchy:\n  - id: x\n    team: b\n    account: x\npools:\n  - id: x\n    split: even\n", 7, "pools[0].id", "used by another rule")]
    [InlineData("version: 1\nteams:\n  - key: a\n    owners:\n      - name: Nobody\n", 5, "teams[0].owners[0]", "at least one of")]
    [InlineData("version: 1\nteams:\n  - key: a\n    owners:\n      - entra: not-a-guid\n", 5, "teams[0].owners[0].entra", "GUID")]
    [InlineData("version: 1\ntags:\n  - id: t\n    keys: []\n", 4, "tags[0].keys", "at least one")]
    [InlineData("version: 1\nteams:\n  - key: a\n    members:\n      - not-an-email\n", 5, "teams[0].members[0]", "not an e-mail")]
    [InlineData("version: 1\nteams:\n  - key: a\n    approvers:\n      - email: x@y.example\n        slack: bob\n", 6, "teams[0].approvers[0].slack", "not a Slack user id")]
    [InlineData("version: 1\nteams:\n  - key: a\n    owners:\n      - email: x@y.example\n        slack: U0AAAAAA1\n    members:\n      - email: X@y.example\n        slack: U0BBBBBB1\n", 8, "teams[0].members[0]", "listed with other ids at line 5")]
    [InlineData("version: 1\nroles:\n  finance:\n    - email: x@y.example\n      slack: U0AAAAAA1\n  admin:\n    - email: z@y.example\n      slack: U0AAAAAA1\n", 7, "roles.admin[0]", "listed for 'x@y.example' at line 4")]
    [InlineData("version: 1\nroles:\n  auditors: [x@y.example]\n", 3, "roles.auditors", "unknown field")]
    [InlineData("version: 1\nteams:\n  - key: a\n    member: [x@y.example]\n", 4, "teams[0].member", "unknown field")]
    [InlineData("version: 1\npools: { a: 1 }\n", 2, "pools", "expected a list")]
    public void Parse_InvalidFile_ErrorNamesLineAndField(string yaml, int line, string field, string problem)
    {
        var e = Assert.Throws<AllocationRulesException>(() => AllocationRulesParser.Parse(yaml, "allocation.yaml"));

        Assert.Equal(line, e.Line);
        Assert.Equal(field, e.Field);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TeamTimeZone_ExposedOnTeamDirectoryAndDigestTeam()
    {
        var rules = AllocationRulesParser.Parse("version: 1\nteams:\n  - key: berlin\n    timeZone: Europe/Berlin\n  - key: plain\n", "allocation.yaml");

        Assert.Equal("Europe/Berlin", rules.Teams[0].TimeZone);
        Assert.Null(rules.Teams[1].TimeZone);
        var directory = new FinOps.Core.People.CompanyDirectory(rules);
        Assert.Equal(["Europe/Berlin", null], directory.Teams.Select(t => FinOps.Core.Digests.RulesTeamDirectory.ToDigestTeam(t).TimeZone));
    }

    [Theory]
    [InlineData("version: 1\nteams:\n  - key: a\n    timeZone: Europe/Berlinn\n", 4, "teams[0].timeZone", "'Europe/Berlinn' is not a known IANA time zone id")]
    [InlineData("version: 1\nteams:\n  - key: a\n  - key: b\n    timeZone: [UTC]\n", 5, "teams[1].timeZone", "expected a single value")]
    public void Parse_BadTeamTimeZone_ErrorNamesFileLineAndValue(string yaml, int line, string field, string problem)
    {
        var e = Assert.Throws<AllocationRulesException>(() => AllocationRulesParser.Parse(yaml, "rules/allocation.yaml"));

        Assert.Equal(line, e.Line);
        Assert.Equal(field, e.Field);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.StartsWith($"rules/allocation.yaml:{line}:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SyntaxError_ReportsLine()
    {
        var e = Assert.Throws<AllocationRulesException>(() => AllocationRulesParser.Parse("version: 1\nteams:\n  - key: [a\n", "allocation.yaml"));

        Assert.Equal("(syntax)", e.Field);
        Assert.True(e.Line >= 3);
    }

    [Fact]
    public void ParseFile_MissingFile_ErrorNamesFile()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "allocation.yaml");

        var e = Assert.Throws<AllocationRulesException>(() => AllocationRulesParser.ParseFile(path));

        Assert.Equal(path, e.File);
    }
}
