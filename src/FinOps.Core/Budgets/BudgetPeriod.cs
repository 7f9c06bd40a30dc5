namespace FinOps.Core.Budgets;

/// <summary>How long a budget's period is: a calendar month, a fiscal quarter or a fiscal year.</summary>
public enum BudgetPeriod
{
    Month,
    Quarter,
    Year,
}
