namespace FinOps.Demo;

/// <summary>A spend-based commitment (savings plan) bought monthly from a shared account.</summary>
internal sealed class DemoCommitment
{
    public required DemoAccount Account { get; init; }

    public required int AccountIndex { get; init; }

    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Type { get; init; }

    public required string ServiceName { get; init; }

    public required string ServiceCode { get; init; }

    /// <summary>Savings against the contracted (on-demand) price.</summary>
    public required decimal DiscountRate { get; init; }

    /// <summary>Share of the expected weekday eligible cost the monthly commitment is sized at.</summary>
    public required double Sizing { get; init; }

    /// <summary>Committed amount per day, by month index.</summary>
    public decimal[] DailyAmount { get; set; } = [];
}
