namespace FinOps.Core.Allocation;

/// <summary>How a shared-cost pool is divided across its teams.</summary>
public enum SplitMethod
{
    /// <summary>Equal shares for every team of the pool.</summary>
    Even,

    /// <summary>In proportion to each team's direct (tag or hierarchy) cost in the same billing month, currency and metric.</summary>
    Proportional,

    /// <summary>Fixed percentages that sum to exactly 100.</summary>
    Fixed,
}
