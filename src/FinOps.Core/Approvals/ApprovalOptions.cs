namespace FinOps.Core.Approvals;

/// <summary>Settings of the overrun approval flow (section <c>Approvals</c>; the finance threshold is <c>Budgets:FinanceApprovalAbove</c>).</summary>
public sealed class ApprovalOptions
{
    public const string SectionName = "Approvals";

    /// <summary>Whether a requester who is also an approver may approve their own request; default false.</summary>
    public bool AllowSelfApproval { get; set; }

    /// <summary>An unanswered step is reminded after this long; default 1 day.</summary>
    public TimeSpan RemindAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>An unanswered step is escalated to the next level after this long; default 2 days.</summary>
    public TimeSpan EscalateAfter { get; set; } = TimeSpan.FromDays(2);

    /// <summary>How often reminders, escalations and expiry are checked; default 15 minutes.</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Requests above this amount need finance after the owner; null means owners alone decide. Bound from <c>Budgets:FinanceApprovalAbove</c>.</summary>
    public decimal? FinanceApprovalAbove { get; set; }
}
