namespace FinOps.Core.Approvals;

/// <summary>Durable requests, their append-only audit and the copies of their cards.</summary>
/// <remarks>
/// Every change is conditional: <see cref="TryTransitionAsync"/> writes only when the stored request is still pending at
/// its expected version, and writes the audit entry in the same transaction, so of two racing changes
/// exactly one is applied and audited. The audit is append-only: the store refuses to update or delete it.
/// </remarks>
public interface IApprovalStore
{
    /// <summary>Stores a new request and its <see cref="ApprovalEventKind.Requested"/> entry.</summary>
    Task CreateAsync(ApprovalRequest request, ApprovalEvent requested, CancellationToken cancellationToken);

    Task<ApprovalRequest?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Requests, newest first, filtered by status and team (either null for all).</summary>
    Task<IReadOnlyList<ApprovalRequest>> ListAsync(ApprovalStatus? status, string? team, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the pending request stored at <paramref name="expectedVersion"/> by <paramref name="updated"/> and appends
    /// <paramref name="audit"/>; false (and nothing written) when it was decided or changed meanwhile.
    /// </summary>
    Task<bool> TryTransitionAsync(ApprovalRequest updated, int expectedVersion, ApprovalEvent audit, CancellationToken cancellationToken);

    /// <summary>Appends an entry that changes no request (a question, a posted card).</summary>
    Task AppendAsync(ApprovalEvent entry, CancellationToken cancellationToken);

    /// <summary>The audit in order, of one request or (null) of all.</summary>
    Task<IReadOnlyList<ApprovalEvent>> AuditAsync(string? requestId, CancellationToken cancellationToken);

    /// <summary>Remembers a posted copy of the request card (once per channel and message id).</summary>
    Task AddMessageAsync(ApprovalMessage message, CancellationToken cancellationToken);

    Task<IReadOnlyList<ApprovalMessage>> MessagesAsync(string requestId, CancellationToken cancellationToken);
}
