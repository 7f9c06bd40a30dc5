namespace FinOps.Conversation.Answers;

/// <summary>The figures of a unit-cost answer: which metric divided the cost, over which scope and days.</summary>
/// <param name="Metric">The metric key used (<c>orders</c>).</param>
/// <param name="Team">The team whose metric was used, or null for the company-wide metric.</param>
/// <param name="Scale">The figure is cost per this many units (1, 1,000, ...).</param>
/// <param name="Cost">The cost of the period (primary currency).</param>
/// <param name="Volume">The metric's total over the same days.</param>
/// <param name="Value">Cost per <paramref name="Scale"/> units; null when the volume is zero.</param>
/// <param name="CompareValue">The same figure for the like-for-like period before, when there is one.</param>
public sealed record UnitCostAnswer(string Metric, string? Team, int Scale, decimal Cost, decimal Volume, decimal? Value, decimal? CompareValue);
