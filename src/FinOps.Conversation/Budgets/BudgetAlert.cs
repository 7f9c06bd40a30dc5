using FinOps.Core.Budgets;

namespace FinOps.Conversation.Budgets;

/// <summary>What a budget alert card shows: the threshold reached, the budget's status, the drivers and the spend to date.</summary>
/// <param name="TeamName">The team's display name (or the budget id for a budget of no single team).</param>
/// <param name="Threshold">The threshold reached.</param>
/// <param name="Status">The budget evaluated as of the alert.</param>
/// <param name="Drivers">The largest changes against the same days of the previous period.</param>
/// <param name="Progress">Cumulative spend per bucket of the period to date (the chart's bars).</param>
public sealed record BudgetAlert(
    string TeamName,
    BudgetThreshold Threshold,
    BudgetStatus Status,
    IReadOnlyList<BudgetDriver> Drivers,
    IReadOnlyList<(DateOnly Bucket, decimal Cumulative)> Progress);
