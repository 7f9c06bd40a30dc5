namespace FinOps.Core.UnitEconomics;

/// <summary>What the store holds of one metric for one scope: the days covered.</summary>
/// <param name="Metric">The metric key.</param>
/// <param name="Team">The team key, or null for the company-wide series.</param>
/// <param name="First">The first day with a value.</param>
/// <param name="Last">The last day with a value.</param>
/// <param name="Days">How many days have a value.</param>
public sealed record BusinessMetricSeries(string Metric, string? Team, DateOnly First, DateOnly Last, int Days);
