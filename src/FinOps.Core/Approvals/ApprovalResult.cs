namespace FinOps.Core.Approvals;

/// <summary>What became of a request or decision, with a sentence for the person who made it.</summary>
public sealed record ApprovalResult(ApprovalResultKind Kind, ApprovalRequest? Request, string Message)
{
    public bool Succeeded => Kind is ApprovalResultKind.Created or ApprovalResultKind.Applied;
}

public enum ApprovalResultKind
{
    /// <summary>A new request was stored.</summary>
    Created,

    /// <summary>The decision (or question) was recorded.</summary>
    Applied,

    /// <summary>The person may not do this; nothing changed.</summary>
    NotAllowed,

    /// <summary>Someone decided first (or the request expired); nothing changed.</summary>
    AlreadyDecided,

    /// <summary>The input is wrong (amount, missing reason); nothing changed.</summary>
    Invalid,

    NotFound,
}
