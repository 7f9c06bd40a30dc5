namespace FinOps.Storage.Data;

/// <summary>A (provider, billing account, billing period) slice: the unit an import replaces.</summary>
public sealed class BillingSliceEntity
{
    public int Id { get; set; }

    /// <summary>Provider name, as a <see cref="DimensionValueEntity"/> id.</summary>
    public int ProviderRef { get; set; }

    /// <summary>Billing account id (the empty string when the export has none), as a <see cref="DimensionValueEntity"/> id.</summary>
    public int BillingAccountIdRef { get; set; }

    public DateOnly BillingPeriodStart { get; set; }
}
