using FinOps.Core.Budgets;

namespace FinOps.Conversation.Approvals;

/// <summary>No budgets: stands in while no budget service is registered, so approvals answer "no budget" instead of failing.</summary>
public sealed class NoBudgets : IBudgetStatusService
{
    public static NoBudgets Instance { get; } = new();

    public Task<IReadOnlyList<BudgetStatus>> GetStatusAsync(DateOnly asOf, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<BudgetStatus>>([]);

    public Task<BudgetStatus?> FindAsync(string budgetId, DateOnly asOf, CancellationToken cancellationToken) =>
        Task.FromResult<BudgetStatus?>(null);
}
