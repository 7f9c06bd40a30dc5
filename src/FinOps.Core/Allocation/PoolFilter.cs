namespace FinOps.Core.Allocation;

/// <summary>Which rows a shared-cost pool takes. Every field that is set must match; within a field any listed value or glob may match.</summary>
/// <remarks>
/// <see cref="Untagged"/> true selects rows without any tag at all. <see cref="Tags"/> selects rows whose tag (key
/// trimmed, case-insensitive) has a value matching the glob. <see cref="CommitmentDiscountStatuses"/> selects by the
/// FOCUS CommitmentDiscountStatus (<c>Used</c>, <c>Unused</c>) when the cost store keeps it.
/// </remarks>
public sealed record PoolFilter(
    IReadOnlyList<string> Providers,
    IReadOnlyList<string> BillingAccounts,
    IReadOnlyList<string> Accounts,
    IReadOnlyList<string> Services,
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> Regions,
    IReadOnlyList<string> ChargeCategories,
    IReadOnlyList<string> PricingCategories,
    IReadOnlyList<string> Resources,
    IReadOnlyList<string> CommitmentDiscountStatuses,
    IReadOnlyDictionary<string, string> Tags,
    bool? Untagged)
{
    public static PoolFilter Everything { get; } = new([], [], [], [], [], [], [], [], [], [], new Dictionary<string, string>(), null);
}
