using FinOps.Bot.Playground;
using FinOps.Core.Allocation;
using FinOps.Core.People;

namespace FinOps.Bot.Tests;

/// <summary>The playground's people come from the company directory (any company's rules file), not from the demo company.</summary>
public sealed class PlaygroundDirectoryFactoryTests
{
    private const string CompanyRules = """
        version: 1
        roles:
          finance:
            - name: Fiona Fin
              email: fiona@corp.example
          admin: [fiona@corp.example, ada@corp.example]
        teams:
          - key: ledger
            owners:
              - name: Lee Ledger
                email: lee@corp.example
                slack: U0LEE0001
                entra: 55555555-5555-5555-5555-555555555555
            members: [mia@corp.example]
          - key: billing
            owners: [bo@corp.example, lee@corp.example]
        """;

    [Fact]
    public void FromDirectory_CompanyRules_RoleHoldersThenOwnersThenMembersWithTheirIds()
    {
        var directory = new CompanyDirectory(AllocationRulesParser.Parse(CompanyRules, "allocation.yaml"));

        var playground = PlaygroundDirectoryFactory.FromDirectory(directory);

        Assert.Equal(
            [
                ("fiona@corp.example", "Fiona Fin (finance, admin)"),
                ("ada@corp.example", "ada@corp.example (admin)"),
                ("U0LEE0001", "Lee Ledger (owner of ledger)"),
                ("bo@corp.example", "bo@corp.example (owner of billing)"),
                ("mia@corp.example", "mia@corp.example (member of ledger)"),
            ],
            playground.Users.Select(u => (u.Id, u.Label)));
        var lee = playground.Find("U0LEE0001")!.ChatUser;
        Assert.Equal(("playground", "lee@corp.example", "55555555-5555-5555-5555-555555555555"), (lee.Channel, lee.Email, lee.AadObjectId));
        Assert.Contains("what did ledger spend last week?", playground.Examples);
        Assert.DoesNotContain(playground.Examples, e => e.Contains("payments", StringComparison.Ordinal));
    }

    [Fact]
    public void FromDirectory_NoPeople_OneGuest()
    {
        var playground = PlaygroundDirectoryFactory.FromDirectory(CompanyDirectory.Empty);

        var guest = Assert.Single(playground.Users);
        Assert.Equal(PlaygroundDirectoryFactory.GuestId, guest.Id);
        Assert.Contains("help", playground.Examples);
    }
}
