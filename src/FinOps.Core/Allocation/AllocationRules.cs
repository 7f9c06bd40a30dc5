using FinOps.Core.Budgets;
using FinOps.Core.People;
using FinOps.Core.Query;

namespace FinOps.Core.Allocation;

/// <summary>Teams and allocation rules, usually read from <c>allocation.yaml</c> by <see cref="AllocationRulesParser"/>.</summary>
/// <remarks>
/// Rules apply in this order, the first match winning within each kind: 1. <see cref="TagRules"/>,
/// 2. <see cref="HierarchyRules"/>, 3. <see cref="Pools"/> (shared costs split across teams), 4. whatever remains is
/// <see cref="TagTeamAssignment.Unallocated"/>, which is a team like any other in every breakdown. A rule applies only
/// to rows whose charge date is inside its <see cref="EffectivePeriod"/>.
/// </remarks>
public sealed record AllocationRules
{
    /// <summary>The only schema version this build reads (<c>version: 1</c>).</summary>
    public const int CurrentVersion = 1;

    /// <summary>Without a rules file: team from tag <c>team</c> (trimmed, case-insensitive), else Unallocated.</summary>
    public static AllocationRules Default { get; } = new()
    {
        Source = "(built-in defaults)",
        TagRules = [new TagRule("team-tag", [TagTeamAssignment.TeamTagKey], EffectivePeriod.Always)],
    };

    public int Version { get; init; } = CurrentVersion;

    /// <summary>Free text the file's author bumps on each change (shown in reports); may be null.</summary>
    public string? Revision { get; init; }

    /// <summary>Where the rules came from (a file path, or a note for the defaults).</summary>
    public string Source { get; init; } = "(inline)";

    public IReadOnlyList<AllocationTeam> Teams { get; init; } = [];

    public IReadOnlyList<TagRule> TagRules { get; init; } = [];

    public IReadOnlyList<HierarchyRule> HierarchyRules { get; init; } = [];

    public IReadOnlyList<SharedPoolRule> Pools { get; init; } = [];

    /// <summary>Budgets of the <c>budgets</c> section (see <see cref="BudgetDefinition"/>).</summary>
    public IReadOnlyList<BudgetDefinition> Budgets { get; init; } = [];

    /// <summary>Company-wide roles (section <c>roles</c>: <c>finance</c>, <c>admin</c>) and who holds them.</summary>
    public IReadOnlyDictionary<CompanyRole, IReadOnlyList<TeamOwner>> Roles { get; init; } = new Dictionary<CompanyRole, IReadOnlyList<TeamOwner>>();

    /// <summary>The team with this key (case-insensitive), or null.</summary>
    public AllocationTeam? FindTeam(string key) =>
        Teams.FirstOrDefault(t => string.Equals(t.Key, key?.Trim(), StringComparison.OrdinalIgnoreCase));
}
