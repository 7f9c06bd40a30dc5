namespace FinOps.Core.Budgets;

/// <summary>Budgets held in memory: for hosts without the storage layer and for tests.</summary>
public sealed class InMemoryBudgetStore(TimeProvider time) : IBudgetStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, BudgetDefinition> _budgets = new(StringComparer.Ordinal);
    private readonly List<BudgetChange> _changes = [];

    public Task<IReadOnlyList<BudgetDefinition>> ListAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<BudgetDefinition>>([.. _budgets.Values.OrderBy(b => b.Id, StringComparer.Ordinal)]);
        }
    }

    public Task<BudgetDefinition?> FindAsync(string id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_budgets.GetValueOrDefault(id));
        }
    }

    public Task<BudgetChange?> SetAsync(BudgetDefinition budget, BudgetChangeOrigin origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentNullException.ThrowIfNull(origin);
        budget.Validate();
        lock (_gate)
        {
            var before = _budgets.GetValueOrDefault(budget.Id);
            if (before is not null && before.Equals(budget))
            {
                return Task.FromResult<BudgetChange?>(null);
            }

            _budgets[budget.Id] = budget;
            return Task.FromResult<BudgetChange?>(Log(budget.Id, before is null ? "create" : "update", before, budget, origin));
        }
    }

    public Task<BudgetChange?> RemoveAsync(string id, BudgetChangeOrigin origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(origin);
        lock (_gate)
        {
            return Task.FromResult(_budgets.Remove(id, out var before) ? Log(id, "delete", before, null, origin) : null);
        }
    }

    public Task<IReadOnlyList<BudgetChange>> ListChangesAsync(string? budgetId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<BudgetChange>>([.. _changes.Where(c => budgetId is null || c.BudgetId == budgetId)]);
        }
    }

    private BudgetChange Log(string id, string action, BudgetDefinition? before, BudgetDefinition? after, BudgetChangeOrigin origin)
    {
        var change = new BudgetChange(_changes.Count + 1, id, action, before, after, origin.ChangedBy, origin.Source, origin.Detail, time.GetUtcNow());
        _changes.Add(change);
        return change;
    }
}
