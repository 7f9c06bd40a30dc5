namespace FinOps.Storage.Approvals;

/// <summary>Row of <c>ApprovalRequests</c>: one overrun request and where it stands.</summary>
public sealed class ApprovalRequestEntity
{
    public required string Id { get; set; }

    public required string BudgetId { get; set; }

    public required string Team { get; set; }

    public DateOnly PeriodStart { get; set; }

    public DateOnly PeriodEnd { get; set; }

    public decimal Amount { get; set; }

    public required string Currency { get; set; }

    public required string Reason { get; set; }

    public required string RequesterKey { get; set; }

    public required string RequesterName { get; set; }

    public required string RequesterChannel { get; set; }

    public string? RequesterConversation { get; set; }

    public string? RequesterWorkspace { get; set; }

    /// <summary><c>pending</c>, <c>approved</c>, <c>denied</c> or <c>expired</c>.</summary>
    public required string Status { get; set; }

    public decimal? ApprovedAmount { get; set; }

    public int Step { get; set; }

    public int Escalations { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset StageStartedAt { get; set; }

    public DateTimeOffset? RemindedAt { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? DecidedBy { get; set; }

    public string? DecisionNote { get; set; }

    /// <summary>Grows with every change; a change applies only to the version it was computed from.</summary>
    public int Version { get; set; }
}
