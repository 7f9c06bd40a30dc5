namespace FinOps.Demo;

/// <summary>The columns the demo generator writes: every FOCUS 1.2 column, in the spec's order, then two x_ columns.</summary>
public static class FocusDemoColumns
{
    public const int AvailabilityZone = 0;

    public const int BilledCost = 1;

    public const int BillingAccountId = 2;

    public const int BillingAccountName = 3;

    public const int BillingAccountType = 4;

    public const int BillingCurrency = 5;

    public const int BillingPeriodEnd = 6;

    public const int BillingPeriodStart = 7;

    public const int CapacityReservationId = 8;

    public const int CapacityReservationStatus = 9;

    public const int ChargeCategory = 10;

    public const int ChargeClass = 11;

    public const int ChargeDescription = 12;

    public const int ChargeFrequency = 13;

    public const int ChargePeriodEnd = 14;

    public const int ChargePeriodStart = 15;

    public const int CommitmentDiscountCategory = 16;

    public const int CommitmentDiscountId = 17;

    public const int CommitmentDiscountName = 18;

    public const int CommitmentDiscountQuantity = 19;

    public const int CommitmentDiscountStatus = 20;

    public const int CommitmentDiscountType = 21;

    public const int CommitmentDiscountUnit = 22;

    public const int ConsumedQuantity = 23;

    public const int ConsumedUnit = 24;

    public const int ContractedCost = 25;

    public const int ContractedUnitPrice = 26;

    public const int EffectiveCost = 27;

    public const int InvoiceId = 28;

    public const int InvoiceIssuerName = 29;

    public const int ListCost = 30;

    public const int ListUnitPrice = 31;

    public const int PricingCategory = 32;

    public const int PricingCurrency = 33;

    public const int PricingCurrencyContractedUnitPrice = 34;

    public const int PricingCurrencyEffectiveCost = 35;

    public const int PricingCurrencyListUnitPrice = 36;

    public const int PricingQuantity = 37;

    public const int PricingUnit = 38;

    public const int ProviderName = 39;

    public const int PublisherName = 40;

    public const int RegionId = 41;

    public const int RegionName = 42;

    public const int ResourceId = 43;

    public const int ResourceName = 44;

    public const int ResourceType = 45;

    public const int ServiceCategory = 46;

    public const int ServiceName = 47;

    public const int ServiceSubcategory = 48;

    public const int SkuId = 49;

    public const int SkuMeter = 50;

    public const int SkuPriceDetails = 51;

    public const int SkuPriceId = 52;

    public const int SubAccountId = 53;

    public const int SubAccountName = 54;

    public const int SubAccountType = 55;

    public const int Tags = 56;

    public const int XServiceCode = 57;

    public const int XUsageType = 58;

    /// <summary>Header names, by ordinal.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "AvailabilityZone",
        "BilledCost",
        "BillingAccountId",
        "BillingAccountName",
        "BillingAccountType",
        "BillingCurrency",
        "BillingPeriodEnd",
        "BillingPeriodStart",
        "CapacityReservationId",
        "CapacityReservationStatus",
        "ChargeCategory",
        "ChargeClass",
        "ChargeDescription",
        "ChargeFrequency",
        "ChargePeriodEnd",
        "ChargePeriodStart",
        "CommitmentDiscountCategory",
        "CommitmentDiscountId",
        "CommitmentDiscountName",
        "CommitmentDiscountQuantity",
        "CommitmentDiscountStatus",
        "CommitmentDiscountType",
        "CommitmentDiscountUnit",
        "ConsumedQuantity",
        "ConsumedUnit",
        "ContractedCost",
        "ContractedUnitPrice",
        "EffectiveCost",
        "InvoiceId",
        "InvoiceIssuerName",
        "ListCost",
        "ListUnitPrice",
        "PricingCategory",
        "PricingCurrency",
        "PricingCurrencyContractedUnitPrice",
        "PricingCurrencyEffectiveCost",
        "PricingCurrencyListUnitPrice",
        "PricingQuantity",
        "PricingUnit",
        "ProviderName",
        "PublisherName",
        "RegionId",
        "RegionName",
        "ResourceId",
        "ResourceName",
        "ResourceType",
        "ServiceCategory",
        "ServiceName",
        "ServiceSubcategory",
        "SkuId",
        "SkuMeter",
        "SkuPriceDetails",
        "SkuPriceId",
        "SubAccountId",
        "SubAccountName",
        "SubAccountType",
        "Tags",
        "x_ServiceCode",
        "x_UsageType",
    ];

    /// <summary>Whether the column holds a decimal (otherwise a string; JSON for Tags).</summary>
    public static bool IsDecimal(int ordinal) => ordinal is BilledCost or CommitmentDiscountQuantity or ConsumedQuantity or ContractedCost or ContractedUnitPrice or EffectiveCost or ListCost or ListUnitPrice or PricingCurrencyContractedUnitPrice or PricingCurrencyEffectiveCost or PricingCurrencyListUnitPrice or PricingQuantity;
}
