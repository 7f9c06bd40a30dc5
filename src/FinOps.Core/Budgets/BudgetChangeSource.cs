namespace FinOps.Core.Budgets;

/// <summary>Where a budget change came from.</summary>
public enum BudgetChangeSource
{
    /// <summary>A chat message ("set the payments budget to $25k a month").</summary>
    Chat,

    /// <summary>The <c>budgets:</c> section of <c>allocation.yaml</c>.</summary>
    Rules,

    /// <summary>The <c>budgets set</c> command.</summary>
    Cli,
}
