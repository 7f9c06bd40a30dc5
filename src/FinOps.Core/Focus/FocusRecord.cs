namespace FinOps.Core.Focus;

/// <summary>One FOCUS cost row, normalised across FOCUS versions and providers.</summary>
/// <remarks>
/// Timestamps are UTC. <see cref="Provider"/> is ServiceProviderName (FOCUS 1.3) when present, else
/// ProviderName. Costs are in <see cref="BillingCurrency"/>. BilledCost is what is invoiced;
/// EffectiveCost amortises commitment purchases over the usage they cover (so a savings-plan covered
/// usage row has BilledCost 0 and EffectiveCost &gt; 0, and the purchase row the reverse).
/// Tag keys are trimmed (real exports contain " org"); values are kept as written.
/// </remarks>
public sealed class FocusRecord
{
    /// <summary>1-based line number in the source file (the header is line 1), or row number for Parquet.</summary>
    public long SourceLine { get; init; }

    public DateTime ChargePeriodStart { get; init; }

    public DateTime ChargePeriodEnd { get; init; }

    public DateTime BillingPeriodStart { get; init; }

    public DateTime BillingPeriodEnd { get; init; }

    public required string Provider { get; init; }

    /// <summary>FOCUS 1.3 HostProviderName: whose infrastructure the service runs on, when it differs.</summary>
    public string? HostProvider { get; init; }

    /// <summary>PublisherName (deprecated in FOCUS 1.3): who produced the resource or service.</summary>
    public string? Publisher { get; init; }

    /// <summary>InvoiceIssuerName: who invoices the charge (a reseller or marketplace may differ from the provider).</summary>
    public string? InvoiceIssuer { get; init; }

    public string? BillingAccountId { get; init; }

    public string? BillingAccountName { get; init; }

    public string? SubAccountId { get; init; }

    public string? SubAccountName { get; init; }

    public string? ServiceName { get; init; }

    public string? ServiceCategory { get; init; }

    public string? RegionId { get; init; }

    public string? RegionName { get; init; }

    public string? ResourceId { get; init; }

    public string? ResourceName { get; init; }

    public string? ResourceType { get; init; }

    public required string ChargeCategory { get; init; }

    public string? ChargeClass { get; init; }

    public string? ChargeDescription { get; init; }

    public string? PricingCategory { get; init; }

    public string? CommitmentDiscountId { get; init; }

    public string? CommitmentDiscountStatus { get; init; }

    public string? SkuId { get; init; }

    public decimal BilledCost { get; init; }

    public decimal EffectiveCost { get; init; }

    public decimal ListCost { get; init; }

    public decimal ContractedCost { get; init; }

    public required string BillingCurrency { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = EmptyTags;

    /// <summary>Provider-specific <c>x_</c> columns, by their column name.</summary>
    public IReadOnlyDictionary<string, string?> Extensions { get; init; } = EmptyExtensions;

    public DateOnly ChargeDate => DateOnly.FromDateTime(ChargePeriodStart);

    private static readonly IReadOnlyDictionary<string, string> EmptyTags = new Dictionary<string, string>();
    private static readonly IReadOnlyDictionary<string, string?> EmptyExtensions = new Dictionary<string, string?>();
}
