using FinOps.Core.Query;

namespace FinOps.Core.Allocation;

/// <summary>The result of applying rules to one cube and metric: the team allocation plus, on request, which rule took each fact.</summary>
internal sealed class AllocationOutcome
{
    public required TeamAllocation Allocation { get; init; }

    /// <summary>Per fact, the ordinal of the rule that took it (see <see cref="RuleIds"/>), or null when not recorded.</summary>
    public int[]? RuleOfFact { get; init; }

    /// <summary>Rule ordinal to id; ordinal 0 is Unallocated.</summary>
    public required string[] RuleIds { get; init; }

    public required AllocationRuleKind[] RuleKinds { get; init; }

    /// <summary>Rule ordinal to the pool rule it is, or null.</summary>
    public required SharedPoolRule?[] RulePools { get; init; }

    public required TagRule?[] RuleTags { get; init; }

    public required HierarchyRule?[] RuleHierarchy { get; init; }

    /// <summary>Split index to the ordinal of the pool rule that made it.</summary>
    public required int[] SplitRule { get; init; }

    public required AllocationRules Rules { get; init; }
}
