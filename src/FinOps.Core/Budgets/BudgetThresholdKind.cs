namespace FinOps.Core.Budgets;

/// <summary>What a threshold compares with the effective limit: the actual to date or the period-end forecast.</summary>
public enum BudgetThresholdKind
{
    Actual,
    Forecast,
}
