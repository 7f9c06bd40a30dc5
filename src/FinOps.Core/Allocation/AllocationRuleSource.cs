namespace FinOps.Core.Allocation;

/// <summary>The allocation rules in force; swapped atomically when the rules file is reloaded.</summary>
/// <remarks>
/// <c>loadOnFirstUse</c>, when given, runs once before <see cref="Current"/> is first read (the host uses it to read the
/// rules file lazily, so every consumer sees the file's rules, never the defaults by accident of ordering).
/// </remarks>
public sealed class AllocationRuleSource(AllocationRules? initial = null, Action? loadOnFirstUse = null)
{
    private readonly Lock _gate = new();
    private AllocationRules _current = initial ?? AllocationRules.Default;
    private Action? _load = loadOnFirstUse;

    public AllocationRules Current
    {
        get
        {
            if (Volatile.Read(ref _load) is not null)
            {
                lock (_gate)
                {
                    var load = _load;
                    _load = null;
                    load?.Invoke();
                }
            }

            return Volatile.Read(ref _current);
        }
    }

    /// <summary>Replaces the rules; queries answered after the cost store is invalidated use them.</summary>
    public void Update(AllocationRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Volatile.Write(ref _current, rules);
    }
}
