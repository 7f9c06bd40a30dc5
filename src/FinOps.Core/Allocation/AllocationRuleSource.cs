namespace FinOps.Core.Allocation;

/// <summary>The allocation rules in force; swapped atomically when the rules file is reloaded.</summary>
public sealed class AllocationRuleSource
{
    private AllocationRules _current;

    public AllocationRuleSource(AllocationRules? initial = null) => _current = initial ?? AllocationRules.Default;

    public AllocationRules Current => Volatile.Read(ref _current);

    /// <summary>Replaces the rules; queries answered after the cost store is invalidated use them.</summary>
    public void Update(AllocationRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Volatile.Write(ref _current, rules);
    }
}
