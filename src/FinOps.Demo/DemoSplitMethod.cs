namespace FinOps.Demo;

/// <summary>How a shared-cost pool of the demo organisation is meant to be split across teams.</summary>
public enum DemoSplitMethod
{
    /// <summary>Equal shares for every listed team.</summary>
    Even,

    /// <summary>In proportion to each listed team's direct cost in the same period and metric.</summary>
    Proportional,

    /// <summary>Fixed percentages (<see cref="DemoSharedCostPool.FixedPercentages"/>, summing to 100).</summary>
    Fixed,
}
