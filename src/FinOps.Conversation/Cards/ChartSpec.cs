namespace FinOps.Conversation.Cards;

/// <summary>What a chart shows, independent of how it is drawn.</summary>
/// <remarks>Bars are the current period; the optional comparison line is the previous period aligned by position; the budget line is flat.</remarks>
public sealed record ChartSpec(
    string Title,
    string Currency,
    IReadOnlyList<ChartPoint> Bars,
    IReadOnlyList<decimal>? ComparisonLine = null,
    decimal? BudgetLine = null,
    string? ComparisonLabel = null);

public sealed record ChartPoint(string Label, decimal Value);
