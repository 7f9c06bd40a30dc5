namespace FinOps.Core.Query;

/// <summary>The dimensions a <see cref="CostQuery"/> can filter and group by.</summary>
/// <remarks>
/// <see cref="Account"/> is the FOCUS SubAccountName (AWS account, Azure subscription, GCP project);
/// <see cref="BillingAccount"/> is BillingAccountName; <see cref="Category"/> is ServiceCategory;
/// <see cref="Team"/> comes from allocation; <see cref="Environment"/> from the environment tag;
/// <see cref="Tag"/> is any tag, named by <see cref="Dimension.TagKey"/>.
/// </remarks>
public enum DimensionKind
{
    Provider,
    Service,
    Category,
    Region,
    Account,
    BillingAccount,
    Resource,
    Team,
    Environment,
    ChargeCategory,
    PricingCategory,
    Tag,
}
