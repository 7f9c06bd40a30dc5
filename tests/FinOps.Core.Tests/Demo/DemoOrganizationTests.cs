using FinOps.Demo;

namespace FinOps.Core.Tests.Demo;

public sealed class DemoOrganizationTests
{
    private static readonly DemoOrganization Org = DemoOrganization.Default;

    [Fact]
    public void Default_Teams_AtLeastEightWithOwnersAndChannels()
    {
        Assert.True(Org.Teams.Count >= 8);
        Assert.Equal(Org.Teams.Count, Org.Teams.Select(t => t.Key).Distinct().Count());
        foreach (var team in Org.Teams)
        {
            Assert.NotEmpty(team.Owners);
            Assert.All(team.Owners, o =>
            {
                Assert.Matches("^U0[A-Z0-9]{8,}$", o.SlackUserId);
                Assert.NotEqual(Guid.Empty, o.EntraObjectId);
                Assert.Contains('@', o.Email);
            });
            Assert.StartsWith("C", team.SlackChannelId, StringComparison.Ordinal);
            Assert.Contains(team.Key, team.TagValueVariants);
        }

        Assert.Equal("U0PAYMENTS1", Org.FindTeam("payments")!.Owners[0].SlackUserId);
        var ownerIds = Org.Teams.SelectMany(t => t.Owners).Select(o => o.EntraObjectId).ToArray();
        Assert.Equal(ownerIds.Length, ownerIds.Distinct().Count());
    }

    [Fact]
    public void Default_Accounts_EveryProviderUniqueIdsAndKnownTeams()
    {
        Assert.Equal(Org.Providers.Order(), Org.Accounts.Select(a => a.Provider).Distinct().Order());
        Assert.Equal(Org.Accounts.Count, Org.Accounts.Select(a => (a.Provider, a.SubAccountId)).Distinct().Count());
        Assert.All(Org.Accounts.Where(a => a.TeamKey is not null), a => Assert.NotNull(Org.FindTeam(a.TeamKey!)));
        Assert.Single(Org.Accounts, a => a.BillingCurrency == "EUR");
        Assert.All(Org.Accounts, a => Assert.Contains(a.Environment, Org.Environments));
    }

    [Fact]
    public void Default_SharedCostPools_PointAtSharedAccountsAndValidShares()
    {
        Assert.NotEmpty(Org.SharedCostPools);
        foreach (var pool in Org.SharedCostPools)
        {
            var account = Org.FindAccount(pool.SubAccountId);
            Assert.NotNull(account);
            Assert.True(account.IsShared);
            Assert.All(pool.TeamKeys, k => Assert.NotNull(Org.FindTeam(k)));
            if (pool.Method == DemoSplitMethod.Fixed)
            {
                Assert.Equal(100m, pool.FixedPercentages.Values.Sum());
            }
        }
    }
}
