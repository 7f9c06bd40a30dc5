namespace FinOps.Core.Budgets;

/// <summary>Budget settings (section <c>Budgets</c>).</summary>
public sealed class BudgetOptions
{
    public const string SectionName = "Budgets";

    /// <summary>
    /// <c>Budgets:FinanceApprovalAbove</c>: an increase larger than this amount (in the budget's currency) needs finance's
    /// approval after the team's approvers. Default 10000; 0 sends every increase to finance.
    /// </summary>
    public decimal FinanceApprovalAbove { get; set; } = 10_000m;

    /// <summary>Currency of a budget set without one (chat "$25k", CLI without --currency); default USD.</summary>
    public string DefaultCurrency { get; set; } = "USD";

    /// <summary>Whether budgets are evaluated and alerts sent on a schedule (<c>Budgets:AlertsEnabled</c>); default true.</summary>
    public bool AlertsEnabled { get; set; } = true;

    /// <summary>Quartz cron of the daily evaluation (UTC); default 07:00 every day.</summary>
    public string DailyCron { get; set; } = "0 0 7 * * ?";

    /// <summary>How often the store is checked for a new import, after which budgets are evaluated; default 5 minutes.</summary>
    public TimeSpan ImportCheckInterval { get; set; } = TimeSpan.FromMinutes(5);
}
