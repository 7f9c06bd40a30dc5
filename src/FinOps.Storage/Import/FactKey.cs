namespace FinOps.Storage.Import;

/// <summary>The grain of a daily fact, as dictionary ids (0 = no value).</summary>
internal readonly record struct FactKey(
    int Slice,
    int ChargeDate,
    int BillingAccountName,
    int SubAccountId,
    int SubAccountName,
    int Service,
    int ServiceCategory,
    int Region,
    int ResourceId,
    int ResourceName,
    int ResourceType,
    int ChargeCategory,
    int PricingCategory,
    int CommitmentDiscountId,
    int TagSet,
    int Currency,
    int CommitmentDiscountStatus);
