namespace FinOps.Core.Allocation;

/// <summary>How much of one currency's cost each kind of rule allocated in a period, and what is left unallocated.</summary>
/// <remarks>
/// The four amounts add up to <see cref="Total"/> exactly. Percentages are of <see cref="Total"/> (0 when the total is 0).
/// <see cref="TopUnallocatedResources"/> and <see cref="TopUnallocatedServices"/> rank the unallocated cost, largest first.
/// </remarks>
public sealed record AllocationCoverage(
    string Currency,
    decimal Total,
    decimal ByTag,
    decimal ByHierarchy,
    decimal BySharedSplit,
    decimal Unallocated,
    IReadOnlyList<CoverageItem> TopUnallocatedResources,
    IReadOnlyList<CoverageItem> TopUnallocatedServices)
{
    public decimal ByTagPercent => Percent(ByTag);

    public decimal ByHierarchyPercent => Percent(ByHierarchy);

    public decimal BySharedSplitPercent => Percent(BySharedSplit);

    public decimal UnallocatedPercent => Percent(Unallocated);

    private decimal Percent(decimal part) => Total == 0 ? 0 : Math.Round(part / Total * 100m, 2, MidpointRounding.ToEven);
}
