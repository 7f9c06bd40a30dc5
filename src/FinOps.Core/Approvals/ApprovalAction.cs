namespace FinOps.Core.Approvals;

/// <summary>What an approver does with a request.</summary>
public enum ApprovalAction
{
    /// <summary>Approve, optionally a different amount.</summary>
    Approve,

    /// <summary>Deny; a reason is required.</summary>
    Deny,

    /// <summary>Ask the requester a question; the request stays open.</summary>
    AskForInfo,
}
