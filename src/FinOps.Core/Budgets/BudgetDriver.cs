using FinOps.Core.Query;

namespace FinOps.Core.Budgets;

/// <summary>A cause of a budget's gap: one service or account and its spend to date against the same days of the previous period.</summary>
public sealed record BudgetDriver(Dimension Dimension, string Value, decimal Current, decimal Previous)
{
    public decimal Change => Current - Previous;
}
