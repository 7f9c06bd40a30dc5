namespace FinOps.Core.UnitEconomics;

/// <summary>One day's value of a business metric (orders, transactions, active users), company-wide or for one team.</summary>
/// <param name="Date">The UTC day the value counts.</param>
/// <param name="Metric">The metric's key: lower case, words joined by <c>_</c> (<c>active_users</c>).</param>
/// <param name="Team">The team key (the cost data's <c>team</c> value) or null for a company-wide value.</param>
/// <param name="Value">The amount of the metric that day; never negative.</param>
public sealed record BusinessMetricValue(DateOnly Date, string Metric, string? Team, decimal Value);
