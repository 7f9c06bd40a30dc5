using FinOps.Core.Query;

namespace FinOps.Core.Approvals;

/// <summary>A request to raise one budget's limit for one period.</summary>
/// <remarks>
/// <see cref="Step"/> is the index of the approver step now deciding (owners, then finance above
/// <see cref="ApprovalOptions.FinanceApprovalAbove"/>); <see cref="Escalations"/> how many ladder levels above that step
/// were added because nobody answered. <see cref="StageStartedAt"/> is when the current step or escalation began (reminders
/// and escalation count from it). <see cref="Version"/> grows with every decision; a decision applies only to the version
/// it was made on, so the first valid decision wins.
/// </remarks>
public sealed record ApprovalRequest(
    string Id,
    string BudgetId,
    string Team,
    DateRange Period,
    decimal Amount,
    string Currency,
    string Reason,
    ApprovalParty Requester,
    ApprovalStatus Status,
    decimal? ApprovedAmount,
    int Step,
    int Escalations,
    DateTimeOffset CreatedAt,
    DateTimeOffset StageStartedAt,
    DateTimeOffset? RemindedAt,
    DateTimeOffset? DecidedAt,
    string? DecidedBy,
    string? DecisionNote,
    int Version)
{
    /// <summary>The amount that counts: the approved amount once approved, else the requested one.</summary>
    public decimal EffectiveAmount => ApprovedAmount ?? Amount;
}
