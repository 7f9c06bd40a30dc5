namespace FinOps.Core.Approvals;

/// <summary>A decision as clicked or typed.</summary>
/// <param name="Action">Approve, deny or ask.</param>
/// <param name="Amount">For approve: a different amount than requested (null keeps it).</param>
/// <param name="Note">Deny: the reason (required). Ask: the question (required). Approve: an optional comment.</param>
/// <param name="ExpectedStep">The step the card showed; a click on a card of a step already decided sees the outcome.</param>
public sealed record ApprovalDecision(ApprovalAction Action, decimal? Amount = null, string? Note = null, int? ExpectedStep = null);
