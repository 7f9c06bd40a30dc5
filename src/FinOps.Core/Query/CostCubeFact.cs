namespace FinOps.Core.Query;

/// <summary>One daily fact handed to <see cref="CostCubeBuilder.Add"/>: codes from the builder's Add* methods and the four metrics.</summary>
/// <remarks><see cref="CommitmentDiscountStatus"/> is optional: a code from <see cref="CostCubeBuilder.AddCommitmentDiscountStatus"/>, 0 when unknown.</remarks>
public readonly record struct CostCubeFact(
    DateOnly Date,
    int Currency,
    int TagSet,
    int Provider,
    int Service,
    int Category,
    int Region,
    int Account,
    int BillingAccount,
    int Resource,
    int ChargeCategory,
    int PricingCategory,
    decimal BilledCost,
    decimal EffectiveCost,
    decimal ListCost,
    decimal ContractedCost)
{
    public int CommitmentDiscountStatus { get; init; }
}
