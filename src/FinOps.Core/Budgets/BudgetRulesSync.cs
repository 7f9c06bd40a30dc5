using FinOps.Core.Allocation;

namespace FinOps.Core.Budgets;

/// <summary>Applies the <c>budgets:</c> section of the rules in force to the budget store, audited as changes from the rules file.</summary>
/// <remarks>
/// A budget of the file is written when it differs from what the file last applied (read from the audit), so a later change
/// in chat or by the CLI stands until the file's entry itself is edited. A budget the file applied and no longer lists is
/// removed, unless it was changed elsewhere since. An invalid file never reaches here: the reloader keeps the previous rules.
/// </remarks>
public sealed class BudgetRulesSync(IBudgetStore store, AllocationRuleSource rules) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AllocationRules? _synced;

    /// <summary>Brings the store in line with the rules in force, once per rules version; returns the changes made.</summary>
    public async Task<IReadOnlyList<BudgetChange>> SyncAsync(CancellationToken cancellationToken)
    {
        var current = rules.Current;
        if (ReferenceEquals(Volatile.Read(ref _synced), current))
        {
            return [];
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (ReferenceEquals(_synced, current))
            {
                return [];
            }

            var changes = await ApplyAsync(current, cancellationToken);
            Volatile.Write(ref _synced, current);
            return changes;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<List<BudgetChange>> ApplyAsync(AllocationRules current, CancellationToken cancellationToken)
    {
        var origin = new BudgetChangeOrigin("rules", BudgetChangeSource.Rules, current.Source);
        var lastFromRules = (await store.ListChangesAsync(null, cancellationToken))
            .Where(c => c.Source == BudgetChangeSource.Rules)
            .GroupBy(c => c.BudgetId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().After, StringComparer.Ordinal);
        var changes = new List<BudgetChange>();
        foreach (var budget in current.Budgets)
        {
            if (lastFromRules.TryGetValue(budget.Id, out var applied) && applied is not null && applied.Equals(budget))
            {
                continue;
            }

            if (await store.SetAsync(budget, origin, cancellationToken) is { } change)
            {
                changes.Add(change);
            }
        }

        var listed = current.Budgets.Select(b => b.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (id, applied) in lastFromRules)
        {
            if (applied is null || listed.Contains(id))
            {
                continue;
            }

            var stored = await store.FindAsync(id, cancellationToken);
            if (stored is not null && stored.Equals(applied) && await store.RemoveAsync(id, origin, cancellationToken) is { } removed)
            {
                changes.Add(removed);
            }
        }

        return changes;
    }
}
