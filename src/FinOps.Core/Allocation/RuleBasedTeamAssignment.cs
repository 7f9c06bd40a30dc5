using FinOps.Core.Query;

namespace FinOps.Core.Allocation;

/// <summary>The <see cref="ITeamAssignment"/> that applies the current <see cref="AllocationRules"/>.</summary>
/// <remarks>
/// With <see cref="AllocationRules.Default"/> it gives the same teams as <see cref="TagTeamAssignment"/>. Proportional
/// pools use the metric of the query, so an EffectiveCost breakdown never borrows BilledCost weights.
/// </remarks>
public sealed class RuleBasedTeamAssignment(AllocationRuleSource rules) : ITeamAssignment
{
    public TeamAllocation Assign(CostCube cube, CostMetric metric)
    {
        ArgumentNullException.ThrowIfNull(cube);
        return AllocationComputation.Run(cube, metric, rules.Current, record: false).Allocation;
    }
}
