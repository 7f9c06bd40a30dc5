namespace FinOps.Storage.Approvals;

/// <summary>Row of <c>ApprovalMessages</c>: a posted copy of a request card (updated in place after a decision).</summary>
public sealed class ApprovalMessageEntity
{
    public required string RequestId { get; set; }

    public required string Channel { get; set; }

    public required string MessageId { get; set; }

    public required string ConversationId { get; set; }

    public string? Workspace { get; set; }
}
