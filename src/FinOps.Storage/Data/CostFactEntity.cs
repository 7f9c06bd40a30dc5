namespace FinOps.Storage.Data;

/// <summary>Daily cost of one combination of dimensions in one billing slice (hourly rows are rolled up).</summary>
/// <remarks>
/// <c>*Ref</c> columns are <see cref="DimensionValueEntity"/> ids (null when the export had no value).
/// Provider, billing account id and billing period live on the slice. <see cref="ChargeDate"/> is
/// yyyymmdd. A key can appear in more than one row when an import flushes its buffer; sums are unaffected.
/// </remarks>
public sealed class CostFactEntity
{
    public long Id { get; set; }

    public int SliceId { get; set; }

    public int ChargeDate { get; set; }

    public int? BillingAccountNameRef { get; set; }

    public int? SubAccountIdRef { get; set; }

    public int? SubAccountNameRef { get; set; }

    public int? ServiceRef { get; set; }

    public int? ServiceCategoryRef { get; set; }

    public int? RegionRef { get; set; }

    public int? ResourceIdRef { get; set; }

    public int? ResourceNameRef { get; set; }

    public int? ResourceTypeRef { get; set; }

    public int ChargeCategoryRef { get; set; }

    public int? PricingCategoryRef { get; set; }

    public int? CommitmentDiscountIdRef { get; set; }

    /// <summary>FOCUS CommitmentDiscountStatus (<c>Used</c>, <c>Unused</c>) as a <see cref="DimensionValueEntity"/> id; null when absent.</summary>
    public int? CommitmentDiscountStatusRef { get; set; }

    public int TagSetId { get; set; }

    public int CurrencyRef { get; set; }

    public decimal BilledCost { get; set; }

    public decimal EffectiveCost { get; set; }

    public decimal ListCost { get; set; }

    public decimal ContractedCost { get; set; }

    public long RowCount { get; set; }
}
