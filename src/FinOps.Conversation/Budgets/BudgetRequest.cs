using FinOps.Core.Budgets;

namespace FinOps.Conversation.Budgets;

/// <summary>A parsed budget chat command.</summary>
/// <param name="IsStatus">True for "budget status [for team]" / "how are we doing against budget", false for "set ... budget to ...".</param>
/// <param name="Team">The named team, or null.</param>
/// <param name="Amount">The amount to set (set only).</param>
/// <param name="Currency">The currency written with the amount ($ is USD), or null.</param>
/// <param name="Period">The period written ("a month", "per quarter", "yearly"), or null.</param>
public sealed record BudgetRequest(bool IsStatus, string? Team, decimal Amount = 0, string? Currency = null, BudgetPeriod? Period = null);
