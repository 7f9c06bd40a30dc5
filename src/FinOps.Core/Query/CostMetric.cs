namespace FinOps.Core.Query;

/// <summary>Which FOCUS cost column a query sums.</summary>
/// <remarks>
/// <see cref="EffectiveCost"/> is the amortised cost after commitment discounts (the FOCUS default for
/// showback); <see cref="BilledCost"/> is what the invoice shows; <see cref="ListCost"/> is the public
/// on-demand price; <see cref="ContractedCost"/> is the negotiated price before commitment discounts.
/// </remarks>
public enum CostMetric
{
    EffectiveCost,
    BilledCost,
    ListCost,
    ContractedCost,
}
