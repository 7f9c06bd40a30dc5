using FinOps.Core.Approvals;
using FinOps.Core.Budgets;
using FinOps.Core.Query;

namespace FinOps.Conversation.Approvals;

/// <summary>Approvals in memory, with the same once-only transitions as the durable store; for hosts without storage and for tests.</summary>
public sealed class InMemoryApprovalStore : IApprovalStore, IBudgetIncreases
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ApprovalRequest> _requests = new(StringComparer.Ordinal);
    private readonly List<ApprovalEvent> _audit = [];
    private readonly List<ApprovalMessage> _messages = [];

    public Task CreateAsync(ApprovalRequest request, ApprovalEvent requested, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            _requests.Add(request.Id, request);
            Append(requested);
        }

        return Task.CompletedTask;
    }

    public Task<ApprovalRequest?> FindAsync(string id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_requests.GetValueOrDefault(id));
        }
    }

    public Task<IReadOnlyList<ApprovalRequest>> ListAsync(ApprovalStatus? status, string? team, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ApprovalRequest>>([.. _requests.Values
                .Where(r => (status is null || r.Status == status) && (team is null || string.Equals(r.Team, team, StringComparison.OrdinalIgnoreCase)))
                .OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal)]);
        }
    }

    public Task<bool> TryTransitionAsync(ApprovalRequest updated, int expectedVersion, ApprovalEvent audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(updated);
        lock (_gate)
        {
            if (!_requests.TryGetValue(updated.Id, out var stored) || stored.Version != expectedVersion || stored.Status != ApprovalStatus.Pending)
            {
                return Task.FromResult(false);
            }

            _requests[updated.Id] = updated;
            Append(audit);
            return Task.FromResult(true);
        }
    }

    public Task AppendAsync(ApprovalEvent entry, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Append(entry);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ApprovalEvent>> AuditAsync(string? requestId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ApprovalEvent>>([.. _audit.Where(a => requestId is null || a.RequestId == requestId)]);
        }
    }

    public Task AddMessageAsync(ApprovalMessage message, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_messages.Any(m => m.RequestId == message.RequestId && m.Channel == message.Channel && m.MessageId == message.MessageId))
            {
                _messages.Add(message);
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ApprovalMessage>> MessagesAsync(string requestId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ApprovalMessage>>([.. _messages.Where(m => m.RequestId == requestId)]);
        }
    }

    public Task<decimal> GetApprovedIncreaseAsync(string budgetId, DateRange period, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_requests.Values
                .Where(r => r.BudgetId == budgetId && r.Period == period && r.Status == ApprovalStatus.Approved)
                .Sum(r => r.EffectiveAmount));
        }
    }

    private void Append(ApprovalEvent entry) => _audit.Add(entry with { Sequence = _audit.Count + 1 });
}
