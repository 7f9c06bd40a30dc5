namespace FinOps.Core.Approvals;

/// <summary>Where an overrun request stands: open until one decision (or the end of its period) closes it.</summary>
public enum ApprovalStatus
{
    Pending,
    Approved,
    Denied,
    Expired,
}
