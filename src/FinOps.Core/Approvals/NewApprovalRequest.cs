namespace FinOps.Core.Approvals;

/// <summary>What a requester asks for: the budget (its period is the one containing the day asked about), the amount and why.</summary>
public sealed record NewApprovalRequest(string BudgetId, DateOnly PeriodDay, decimal Amount, string Reason, string? Currency = null);
