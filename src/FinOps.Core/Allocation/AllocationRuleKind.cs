namespace FinOps.Core.Allocation;

/// <summary>Which kind of rule put a cost row where it is, in the order rules are applied.</summary>
public enum AllocationRuleKind
{
    /// <summary>1. A team tag (after key aliases and value aliases).</summary>
    Tag,

    /// <summary>2. A hierarchy rule: billing account, sub-account, resource group or resource pattern.</summary>
    Hierarchy,

    /// <summary>3. A shared-cost pool split across teams.</summary>
    SharedPool,

    /// <summary>4. No rule matched: the row stays visible as Unallocated.</summary>
    Unallocated,
}
