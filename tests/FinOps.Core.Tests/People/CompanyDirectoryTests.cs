using FinOps.Core.Allocation;
using FinOps.Core.Digests;
using FinOps.Core.People;

namespace FinOps.Core.Tests.People;

public sealed class CompanyDirectoryTests
{
    public const string ThreeTeams = """
        version: 1
        roles:
          finance:
            - name: Fiona Finance
              email: fiona@corp.example
          admin:
            - email: adam@corp.example
              slack: U0ADMIN01
        teams:
          - key: payments
            owners:
              - name: Pat Owner
                email: pat@corp.example
                slack: U0PAT0001
                entra: 11111111-1111-1111-1111-111111111111
            members:
              - mia@corp.example
            approvers:
              - pat@corp.example
            channels:
              - slack: C0PAYMENTS
              - teams: "19:payments@thread.tacv2"
          - key: search
            owners:
              - email: sam@corp.example
                entra: 22222222-2222-2222-2222-222222222222
            channels:
              - slack: C0SEARCH
              - teams: "19:search@thread.tacv2"
          - key: data
            owners:
              - email: dora@corp.example
                slack: U0DORA001
            members:
              - mia@corp.example
            channels:
              - slack: C0DATA
              - slack: C0DATA2
        """;

    private static CompanyDirectory Directory() => new(AllocationRulesParser.Parse(ThreeTeams, "allocation.yaml"));

    [Fact]
    public void FindByEmail_PersonListedOnlyByEmail_FoundCaseInsensitivelyWithAllTeams()
    {
        var directory = Directory();

        var mia = directory.FindByEmail("MIA@corp.example");

        Assert.NotNull(mia);
        Assert.Null(mia.SlackUserId);
        Assert.Equal(["payments", "data"], directory.TeamsOf(mia));
    }

    [Fact]
    public void Find_ByEachChatId_ReturnsTheSamePerson()
    {
        var directory = Directory();

        var bySlack = directory.FindBySlackUserId("U0PAT0001");
        var byEntra = directory.FindByEntraObjectId("11111111-1111-1111-1111-111111111111");
        var byEmail = directory.FindByEmail("pat@corp.example");

        Assert.NotNull(bySlack);
        Assert.Equal(bySlack, byEntra);
        Assert.Equal(bySlack, byEmail);
        Assert.Equal(["payments"], directory.TeamsOf(bySlack));
        Assert.Null(directory.FindBySlackUserId("U0NOBODY1"));
        Assert.Null(directory.FindByEntraObjectId("not-a-guid"));
    }

    [Fact]
    public void HasRole_RolesSection_OnlyTheListedPeople()
    {
        var directory = Directory();

        Assert.True(directory.HasRole(directory.FindByEmail("fiona@corp.example")!, CompanyRole.Finance));
        Assert.False(directory.HasRole(directory.FindByEmail("fiona@corp.example")!, CompanyRole.Admin));
        Assert.True(directory.HasRole(directory.FindBySlackUserId("U0ADMIN01")!, CompanyRole.Admin));
        Assert.False(directory.HasRole(directory.FindByEmail("pat@corp.example")!, CompanyRole.Finance));
        Assert.Empty(directory.TeamsOf(directory.FindByEmail("fiona@corp.example")!));
    }

    [Fact]
    public void Teams_ApproverListedByEmailOnly_GetsTheOwnersIds()
    {
        var payments = Directory().FindTeam("payments")!;

        var approver = Assert.Single(payments.Approvers);

        Assert.Equal("U0PAT0001", approver.SlackUserId);
        Assert.Equal(["C0PAYMENTS"], payments.SlackChannels);
        Assert.Equal(["19:payments@thread.tacv2"], payments.TeamsChannels);
    }

    [Fact]
    public async Task RulesTeamDirectory_RulesReloaded_FollowsTheNewRules()
    {
        var rules = new AllocationRuleSource(AllocationRulesParser.Parse(ThreeTeams, "allocation.yaml"));
        var teams = new RulesTeamDirectory(new DirectorySource(rules));

        var before = await teams.GetTeamsAsync(CancellationToken.None);
        rules.Update(AllocationRulesParser.Parse("version: 1\nteams:\n  - key: ml\n    owners: [kim@corp.example]\n", "allocation.yaml"));
        var after = await teams.GetTeamsAsync(CancellationToken.None);

        Assert.Equal(["payments", "search", "data"], before.Select(t => t.Key));
        Assert.Equal(["C0DATA", "C0DATA2"], before[2].Channels.SlackChannelIds);
        Assert.True(before[0].IsOwnedBy(null, "PAT@corp.example", null));
        Assert.True(before[1].IsOwnedBy(null, null, "22222222-2222-2222-2222-222222222222"));
        Assert.False(before[1].IsOwnedBy("U0PAT0001", "pat@corp.example", null));
        var ml = Assert.Single(after);
        Assert.True(ml.IsOwnedBy(null, "kim@corp.example", null));
    }
}
