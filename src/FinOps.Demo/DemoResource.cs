namespace FinOps.Demo;

/// <summary>One generated resource with every per-row string computed once.</summary>
internal sealed class DemoResource
{
    public required DemoServiceTemplate Template { get; init; }

    public required DemoAccount Account { get; init; }

    public required string? TeamKey { get; init; }

    public required string Environment { get; init; }

    public required string? RegionId { get; init; }

    public required string? RegionName { get; init; }

    public required string? Zone { get; init; }

    public required string ResourceId { get; init; }

    public required string ResourceName { get; init; }

    public required string SkuId { get; init; }

    public required string SkuPriceId { get; init; }

    public required decimal ListUnitPrice { get; init; }

    public required decimal ContractedUnitPrice { get; init; }

    public required string Description { get; init; }

    public required string UsageType { get; init; }

    public required string? Tags { get; init; }

    public required int StartDay { get; init; }

    public required int EndDay { get; init; }

    public required double BaseQuantity { get; init; }

    public required double WeekendDrop { get; init; }

    public required ulong Hash { get; init; }

    /// <summary>Index into the generator's commitments, or -1.</summary>
    public required int Commitment { get; init; }

    public int AccountIndex { get; init; }

    /// <summary>How a planted anomaly's quantity moves day by day (anomaly lab only).</summary>
    public DemoLabProfile Profile { get; init; }

    /// <summary>For a leak or a relative change: the fraction of the scope's daily cost.</summary>
    public double Relative { get; init; }

    /// <summary>The daily cost of the other resources of the same team, account and service (set once they exist).</summary>
    public double ScopeCost { get; set; }
}
