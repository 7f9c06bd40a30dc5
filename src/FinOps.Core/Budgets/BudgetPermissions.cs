using FinOps.Core.People;

namespace FinOps.Core.Budgets;

/// <summary>Who may change a budget and who decides about increases, from the company directory.</summary>
/// <remarks>
/// A team's owners, finance and admins may set its budget; a budget of no single team only finance and admins. Increases are
/// decided by the team's approvers (its owners when it lists none) and, for an increase above
/// <see cref="BudgetOptions.FinanceApprovalAbove"/>, then by finance.
/// </remarks>
public static class BudgetPermissions
{
    /// <summary>Why <paramref name="person"/> may not set a budget of <paramref name="teamKey"/>, or null when they may.</summary>
    public static string? RefuseChange(CompanyDirectory directory, Person? person, string? teamKey)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var team = teamKey is null ? null : directory.FindTeam(teamKey);
        var owners = team is null || team.Owners.Count == 0 ? "none listed" : string.Join(", ", team.Owners.Select(o => o.Label));
        var who = team is null ? "finance and admins" : $"its owners ({owners}), finance and admins";
        var what = teamKey is null ? "this budget" : $"the {teamKey} budget";
        if (person is null)
        {
            return $"I can't find you in the company directory, so I can't tell whether you may change {what}. Only {who} may.";
        }

        if (directory.HasRole(person, CompanyRole.Finance) || directory.HasRole(person, CompanyRole.Admin)
            || (team is not null && team.Owners.Any(o => o.Key == person.Key)))
        {
            return null;
        }

        return $"Only {who} may change {what}; you are none of them.";
    }

    /// <summary>The approval levels for an increase of <paramref name="amount"/>: the team's approvers (else owners), then finance above the threshold.</summary>
    public static IReadOnlyList<IReadOnlyList<Person>> ApproverLevels(CompanyDirectory directory, BudgetOptions options, string? teamKey, decimal amount)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(options);
        var levels = new List<IReadOnlyList<Person>>();
        var team = teamKey is null ? null : directory.FindTeam(teamKey);
        var first = team is null ? [] : team.Approvers.Count > 0 ? team.Approvers : team.Owners;
        if (first.Count > 0)
        {
            levels.Add([.. first.DistinctBy(p => p.Key)]);
        }

        var finance = directory.People.Where(p => directory.HasRole(p, CompanyRole.Finance)).ToList();
        if ((amount > options.FinanceApprovalAbove || levels.Count == 0) && finance.Count > 0)
        {
            levels.Add(finance);
        }

        return levels;
    }
}
