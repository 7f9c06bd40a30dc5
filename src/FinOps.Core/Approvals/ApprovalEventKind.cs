namespace FinOps.Core.Approvals;

/// <summary>What an audit entry records.</summary>
public enum ApprovalEventKind
{
    /// <summary>A request was made.</summary>
    Requested,

    /// <summary>One level approved; the request goes on to the next level (finance above the threshold).</summary>
    StepApproved,

    /// <summary>The final approval: the increase applies until the period ends.</summary>
    Approved,

    Denied,

    /// <summary>An approver asked the requester a question; the request stays open.</summary>
    InfoRequested,

    Reminded,

    Escalated,

    Expired,

    /// <summary>A copy of the request card was posted (channel and message id).</summary>
    CardPosted,
}
