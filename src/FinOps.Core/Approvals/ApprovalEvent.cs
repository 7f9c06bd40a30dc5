namespace FinOps.Core.Approvals;

/// <summary>One append-only audit entry: who did what to which request, when, why, and the amounts before and after.</summary>
/// <param name="Sequence">Position in the audit (0 until stored).</param>
/// <param name="RequestId">The request concerned.</param>
/// <param name="At">When it happened.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Actor">The directory key of who did it; <c>system</c> for reminders, escalations and expiry.</param>
/// <param name="Note">Why: the reason, the question, whom a reminder went to.</param>
/// <param name="AmountBefore">The amount in force before (requested amount, or the budget increase before a decision).</param>
/// <param name="AmountAfter">The amount after (the approved amount; 0 after a denial).</param>
/// <param name="Currency">Currency of the amounts.</param>
/// <param name="Channel">Where it happened (<c>slack</c>, <c>teams</c>, <c>playground</c>, <c>cli</c>, <c>scheduler</c>).</param>
/// <param name="MessageId">The channel's id of the message or card involved, when any.</param>
public sealed record ApprovalEvent(
    long Sequence,
    string RequestId,
    DateTimeOffset At,
    ApprovalEventKind Kind,
    string Actor,
    string? Note,
    decimal? AmountBefore,
    decimal? AmountAfter,
    string Currency,
    string Channel,
    string? MessageId);
