namespace FinOps.Core.Budgets;

/// <summary>Where a budget stands in its period: <c>ok</c>, <c>at-risk</c> (forecast above the limit) or <c>over</c> (actual above it).</summary>
public enum BudgetState
{
    Ok,
    AtRisk,
    Over,
}
