using FinOps.Core.People;

namespace FinOps.Core.Approvals;

/// <summary>Tells people about a request: the chat side of the flow. Failures are the notifier's to log; a decision stands.</summary>
public interface IApprovalNotifier
{
    /// <summary>Sends the request card to <paramref name="people"/> (new request, next step, reminder or escalation).</summary>
    Task NotifyApproversAsync(ApprovalRequest request, IReadOnlyList<Person> people, ApprovalEventKind why, CancellationToken cancellationToken);

    /// <summary>Updates every posted copy of the request card to its current state.</summary>
    Task UpdateCardsAsync(ApprovalRequest request, CancellationToken cancellationToken);

    /// <summary>Tells the requester something (the outcome, a question), where they made the request.</summary>
    Task NotifyRequesterAsync(ApprovalRequest request, string text, CancellationToken cancellationToken);
}
