using System.Text.Json.Serialization;

namespace FinOps.Conversation.Cards;

/// <summary>What a chart shows, independent of how it is drawn.</summary>
/// <remarks>
/// Bars are the current period (drawn as a line with <see cref="ChartStyle.Line"/>); the optional comparison line is the
/// previous period (or the expected value) aligned by position; the budget line is flat; the optional band is a shaded
/// range per position (an anomaly's expected band).
/// </remarks>
public sealed record ChartSpec(
    string Title,
    string Currency,
    IReadOnlyList<ChartPoint> Bars,
    IReadOnlyList<decimal>? ComparisonLine = null,
    decimal? BudgetLine = null,
    string? ComparisonLabel = null,
    ChartBand? Band = null,
    // Left out of chart tokens when default, so the tokens of existing charts keep their exact JSON.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] ChartStyle Style = ChartStyle.Bars,
    string? ValuesLabel = null);

public sealed record ChartPoint(string Label, decimal Value);
