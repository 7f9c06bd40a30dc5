namespace FinOps.Core.Digests;

/// <summary>A team's unit cost in its digest week: the week's cost over the team's own business metric, and the week before.</summary>
/// <param name="Metric">The metric key (<c>orders</c>).</param>
/// <param name="Currency">The currency of the cost.</param>
/// <param name="Scale">The figure is cost per this many units (1, 1,000, 1,000,000).</param>
/// <param name="Cost">The week's cost in <paramref name="Currency"/>.</param>
/// <param name="Volume">The metric's total over the week.</param>
/// <param name="Value">Cost per <paramref name="Scale"/> units; null when the volume is zero.</param>
/// <param name="PreviousValue">The same for the week before, when the metric covers it.</param>
public sealed record DigestUnitCost(string Metric, string Currency, int Scale, decimal Cost, decimal Volume, decimal? Value, decimal? PreviousValue);
