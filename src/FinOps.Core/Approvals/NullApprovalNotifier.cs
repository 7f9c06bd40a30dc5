using FinOps.Core.People;

namespace FinOps.Core.Approvals;

/// <summary>Tells nobody (CLI, tests): the flow and its audit work without a chat channel.</summary>
public sealed class NullApprovalNotifier : IApprovalNotifier
{
    public static NullApprovalNotifier Instance { get; } = new();

    public Task NotifyApproversAsync(ApprovalRequest request, IReadOnlyList<Person> people, ApprovalEventKind why, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task UpdateCardsAsync(ApprovalRequest request, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task NotifyRequesterAsync(ApprovalRequest request, string text, CancellationToken cancellationToken) => Task.CompletedTask;
}
