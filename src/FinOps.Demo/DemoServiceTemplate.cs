namespace FinOps.Demo;

/// <summary>One kind of billable resource the demo data creates (a service, its SKUs, prices and rhythm).</summary>
internal sealed class DemoServiceTemplate
{
    public required string Provider { get; init; }

    public required string ServiceName { get; init; }

    public required string Category { get; init; }

    public required string Subcategory { get; init; }

    public required string ResourceType { get; init; }

    public required string ServiceCode { get; init; }

    public required string Stem { get; init; }

    /// <summary>SKU variants: a name (instance type, tier) and its list unit price in USD.</summary>
    public required (string Name, decimal Price)[] Variants { get; init; }

    public required string PricingUnit { get; init; }

    public required string UsageType { get; init; }

    public required string SkuMeter { get; init; }

    /// <summary>Median pricing quantity per day of one resource on a weekday.</summary>
    public required double QuantityPerDay { get; init; }

    /// <summary>Share of the weekday quantity that disappears on Saturdays and Sundays.</summary>
    public double WeekendDrop { get; init; }

    public double Weight { get; init; } = 1;

    /// <summary>Covered by the provider's spend commitment (savings plan) when one exists.</summary>
    public bool CommitmentEligible { get; init; }

    public bool Zonal { get; init; }

    public bool Global { get; init; }

    /// <summary>Only these teams run it; null means any team of an account of this provider.</summary>
    public string[]? Teams { get; init; }

    /// <summary>Lives only in shared accounts (networking, security) and carries no team tag.</summary>
    public bool SharedOnly { get; init; }

    /// <summary>Builds the provider's real resource id format.</summary>
    public required Func<DemoResourceIdContext, string> ResourceId { get; init; }
}
