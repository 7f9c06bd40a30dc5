using FinOps.Core.Query;

namespace FinOps.Core.Budgets;

/// <summary>
/// Increases approved through the overrun approval flow; an approved increase lasts until its period ends.
/// Implemented by the approvals store, read by budget evaluation.
/// </summary>
public interface IBudgetIncreases
{
    /// <summary>Sum of increases approved for <paramref name="budgetId"/> in <paramref name="period"/> (0 when none).</summary>
    Task<decimal> GetApprovedIncreaseAsync(string budgetId, DateRange period, CancellationToken cancellationToken);
}
