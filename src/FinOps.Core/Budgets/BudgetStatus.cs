using FinOps.Core.Forecasting;
using FinOps.Core.Query;

namespace FinOps.Core.Budgets;

/// <summary>
/// One budget in one period, evaluated: <see cref="Limit"/> is the set amount, <see cref="ApprovedIncrease"/>
/// the sum of increases approved for this period (the effective limit is their sum), <see cref="Team"/> the
/// team whose owners and approvers decide (null for a budget not scoped to one team).
/// </summary>
public sealed record BudgetStatus(
    string BudgetId,
    string? Team,
    IReadOnlyDictionary<Dimension, IReadOnlyList<string>> Scope,
    DateRange Period,
    CostMetric Metric,
    string Currency,
    decimal Limit,
    decimal ApprovedIncrease,
    decimal Actual,
    CostForecast? Forecast,
    BudgetState State)
{
    public decimal EffectiveLimit => Limit + ApprovedIncrease;
}
