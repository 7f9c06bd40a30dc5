namespace FinOps.Core.Budgets;

/// <summary>Durable budgets and their append-only change audit.</summary>
public interface IBudgetStore
{
    Task<IReadOnlyList<BudgetDefinition>> ListAsync(CancellationToken cancellationToken);

    Task<BudgetDefinition?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Creates or replaces the budget with <paramref name="budget"/>'s id and audits it; null (nothing audited) when nothing changed.</summary>
    Task<BudgetChange?> SetAsync(BudgetDefinition budget, BudgetChangeOrigin origin, CancellationToken cancellationToken);

    /// <summary>Removes the budget and audits it; null when there was none.</summary>
    Task<BudgetChange?> RemoveAsync(string id, BudgetChangeOrigin origin, CancellationToken cancellationToken);

    /// <summary>The audit, oldest first; only <paramref name="budgetId"/>'s entries when given.</summary>
    Task<IReadOnlyList<BudgetChange>> ListChangesAsync(string? budgetId, CancellationToken cancellationToken);
}
