using FinOps.Core.Allocation;
using FinOps.Core.Budgets;
using FinOps.Core.People;

namespace FinOps.Core.Tests.Budgets;

public sealed class BudgetPermissionsTests
{
    private static readonly CompanyDirectory Directory = new(AllocationRulesParser.Parse(
        """
        version: 1
        roles:
          finance: [fin@example.com]
          admin: [root@example.com]
        teams:
          - key: payments
            owners: [owner@example.com]
            approvers: [approver@example.com]
            members: [member@example.com]
          - key: search
            owners: [searcher@example.com]
        """,
        "allocation.yaml"));

    [Theory]
    [InlineData("owner@example.com")]
    [InlineData("fin@example.com")]
    [InlineData("root@example.com")]
    public void RefuseChange_OwnerFinanceAdmin_Allowed(string email) =>
        Assert.Null(BudgetPermissions.RefuseChange(Directory, Directory.FindByEmail(email), "payments"));

    [Theory]
    [InlineData("member@example.com")]
    [InlineData("approver@example.com")]
    [InlineData("searcher@example.com")]
    public void RefuseChange_Bystander_RefusedNamingWhoMay(string email)
    {
        var refusal = BudgetPermissions.RefuseChange(Directory, Directory.FindByEmail(email), "payments");

        Assert.Contains("Only its owners (owner@example.com), finance and admins may change the payments budget", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void RefuseChange_UnknownPerson_RefusedSayingSo() =>
        Assert.Contains("can't find you", BudgetPermissions.RefuseChange(Directory, null, "payments"), StringComparison.Ordinal);

    [Fact]
    public void ApproverLevels_AboveFinanceThreshold_TeamApproversThenFinance()
    {
        var options = new BudgetOptions { FinanceApprovalAbove = 5_000m };

        var small = BudgetPermissions.ApproverLevels(Directory, options, "payments", 5_000m);
        var large = BudgetPermissions.ApproverLevels(Directory, options, "payments", 5_000.01m);
        var ownersOnly = BudgetPermissions.ApproverLevels(Directory, options, "search", 1m);

        Assert.Equal(["approver@example.com"], Assert.Single(small).Select(p => p.Email));
        Assert.Equal(2, large.Count);
        Assert.Equal(["fin@example.com"], large[1].Select(p => p.Email));
        Assert.Equal(["searcher@example.com"], Assert.Single(ownersOnly).Select(p => p.Email));
    }
}
