namespace FinOps.Storage.Data;

/// <summary>The integer columns of a fact segment.</summary>
public enum FactIdColumn
{
    /// <summary>yyyymmdd.</summary>
    ChargeDate,
    BillingAccountName,
    SubAccountId,
    SubAccountName,
    Service,
    ServiceCategory,
    Region,
    ResourceId,
    ResourceName,
    ResourceType,
    ChargeCategory,
    PricingCategory,
    CommitmentDiscountId,
    TagSet,
    Currency,
    CommitmentDiscountStatus,
}
