namespace FinOps.Core.Budgets;

/// <summary>Card action ids and payload keys shared by the budget alert card and the approval flow.</summary>
public static class BudgetActions
{
    /// <summary>Prefix of every approval-flow action (handled by the approvals card-action handler).</summary>
    public const string ApprovalPrefix = "approval.";

    /// <summary>The budget alert card's "Request increase" button.</summary>
    public const string RequestIncrease = "approval.request";

    /// <summary>Payload key: the budget id.</summary>
    public const string BudgetIdKey = "budgetId";

    /// <summary>Payload key: the period start (yyyy-MM-dd).</summary>
    public const string PeriodStartKey = "periodStart";
}
