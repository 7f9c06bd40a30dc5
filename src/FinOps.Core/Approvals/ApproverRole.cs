namespace FinOps.Core.Approvals;

/// <summary>A level of the approver ladder, lowest first: the budget's owners, then finance, then the bot's admins.</summary>
public enum ApproverRole
{
    /// <summary>The team's owners and approvers from the directory.</summary>
    Owner,

    /// <summary>People with the finance role.</summary>
    Finance,

    /// <summary>People with the admin role (only reached by escalation).</summary>
    Admin,
}
