using FinOps.Core.Approvals;
using FinOps.Core.Budgets;
using FinOps.Core.Query;
using FinOps.Storage.Data;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Storage.Approvals;

/// <summary>Approval requests, their audit and card copies in the cost store; also the approved increases budgets read.</summary>
/// <remarks>
/// A transition is one transaction: a conditional UPDATE (still pending, same version) and, only when it changed the row,
/// the audit INSERT. SQLite serialises writers, so of two racing transitions one sees zero rows changed and writes nothing.
/// </remarks>
public sealed class SqliteApprovalStore(CostDatabase database) : IApprovalStore, IBudgetIncreases
{
    private const string Pending = "pending";

    public async Task CreateAsync(ApprovalRequest request, ApprovalEvent requested, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(requested);
        await database.EnsureReadyAsync(cancellationToken);
        await using var context = database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        context.ApprovalRequests.Add(ToEntity(request));
        context.ApprovalAudit.Add(ToEntity(requested));
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<ApprovalRequest?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await database.EnsureReadyAsync(cancellationToken);
        await using var context = database.CreateContext();
        var entity = await context.ApprovalRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        return entity is null ? null : ToRequest(entity);
    }

    public async Task<IReadOnlyList<ApprovalRequest>> ListAsync(ApprovalStatus? status, string? team, CancellationToken cancellationToken)
    {
        await database.EnsureReadyAsync(cancellationToken);
        await using var context = database.CreateContext();
        var query = context.ApprovalRequests.AsNoTracking();
        if (status is { } s)
        {
            var name = ApprovalWire.Name(s);
            query = query.Where(r => r.Status == name);
        }

        var rows = await query.ToListAsync(cancellationToken);
        return [.. rows.Where(r => team is null || string.Equals(r.Team, team, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal).Select(ToRequest)];
    }

    public async Task<bool> TryTransitionAsync(ApprovalRequest updated, int expectedVersion, ApprovalEvent audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(updated);
        ArgumentNullException.ThrowIfNull(audit);
        await database.EnsureReadyAsync(cancellationToken);
        await using var context = database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var status = ApprovalWire.Name(updated.Status);
        var changed = await context.ApprovalRequests
            .Where(r => r.Id == updated.Id && r.Version == expectedVersion && r.Status == Pending)
            .ExecuteUpdateAsync(
                u => u.SetProperty(r => r.Status, status)
                    .SetProperty(r => r.ApprovedAmount, updated.ApprovedAmount)
                    .SetProperty(r => r.Step, updated.Step)
                    .SetProperty(r => r.Escalations, updated.Escalations)
                    .SetProperty(r => r.StageStartedAt, updated.StageStartedAt)
                    .SetProperty(r => r.RemindedAt, updated.RemindedAt)
                    .SetProperty(r => r.DecidedAt, updated.DecidedAt)
                    .SetProperty(r => r.DecidedBy, updated.DecidedBy)
                    .SetProperty(r => r.DecisionNote, updated.DecisionNote)
                    .SetProperty(r => r.Version, updated.Version),
                cancellationToken);
        if (changed != 1)
        {
            return false;
        }

        context.ApprovalAudit.Add(ToEntity(audit));
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task AppendAsync(ApprovalEvent entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await database.EnsureReadyAsync(cancellationToken);
        await using var context = database.CreateContext();
        context.ApprovalAudit.Add(ToEntity(entry));
        await context.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ApprovalEvent>> AuditAsync(string? requestId, CancellationToken cancellationToken)
    {
        await database.EnsureReadyAsync(cancellationToken);
        await using var context = database.CreateContext();
        var query = context.ApprovalAudit.AsNoTracking();
        if (requestId is not null)
        {
            query = query.Where(a => a.RequestId == requestId);
        }

        return [.. (await query.OrderBy(a => a.Sequence).ToListAsync(cancellationToken)).Select(ToEvent)];
    }

    public async Task AddMessageAsync(ApprovalMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await database.EnsureReadyAsync(cancellationToken);
        await using var context = database.CreateContext();
        var exists = await context.ApprovalMessages.AnyAsync(
            m => m.RequestId == message.RequestId && m.Channel == message.Channel && m.MessageId == message.MessageId, cancellationToken);
        if (exists)
        {
            return;
        }

        context.ApprovalMessages.Add(new ApprovalMessageEntity
        {
            RequestId = message.RequestId,
            Channel = message.Channel,
            MessageId = message.MessageId,
            ConversationId = message.ConversationId,
            Workspace = message.Workspace,
        });
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // The same copy recorded by a concurrent caller: once is enough.
        }
    }

    public async Task<IReadOnlyList<ApprovalMessage>> MessagesAsync(string requestId, CancellationToken cancellationToken)
    {
        await database.EnsureReadyAsync(cancellationToken);
        await using var context = database.CreateContext();
        var rows = await context.ApprovalMessages.AsNoTracking().Where(m => m.RequestId == requestId).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(m => m.Channel, StringComparer.Ordinal).ThenBy(m => m.MessageId, StringComparer.Ordinal)
            .Select(m => new ApprovalMessage(m.RequestId, m.Channel, m.ConversationId, m.Workspace, m.MessageId))];
    }

    /// <summary>Sum of the approved amounts of <paramref name="budgetId"/> for exactly <paramref name="period"/>.</summary>
    public async Task<decimal> GetApprovedIncreaseAsync(string budgetId, DateRange period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        await database.EnsureReadyAsync(cancellationToken);
        await using var context = database.CreateContext();
        var approved = ApprovalWire.Name(ApprovalStatus.Approved);

        // SQLite stores decimals as text: sum exactly here rather than as REAL in SQL.
        var amounts = await context.ApprovalRequests.AsNoTracking()
            .Where(r => r.BudgetId == budgetId && r.PeriodStart == period.Start && r.PeriodEnd == period.End && r.Status == approved)
            .Select(r => r.ApprovedAmount ?? r.Amount)
            .ToListAsync(cancellationToken);
        return amounts.Sum();
    }

    private static ApprovalRequestEntity ToEntity(ApprovalRequest r) => new()
    {
        Id = r.Id,
        BudgetId = r.BudgetId,
        Team = r.Team,
        PeriodStart = r.Period.Start,
        PeriodEnd = r.Period.End,
        Amount = r.Amount,
        Currency = r.Currency,
        Reason = r.Reason,
        RequesterKey = r.Requester.Key,
        RequesterName = r.Requester.Name,
        RequesterChannel = r.Requester.Channel,
        RequesterConversation = r.Requester.ConversationId,
        RequesterWorkspace = r.Requester.Workspace,
        Status = ApprovalWire.Name(r.Status),
        ApprovedAmount = r.ApprovedAmount,
        Step = r.Step,
        Escalations = r.Escalations,
        CreatedAt = r.CreatedAt,
        StageStartedAt = r.StageStartedAt,
        RemindedAt = r.RemindedAt,
        DecidedAt = r.DecidedAt,
        DecidedBy = r.DecidedBy,
        DecisionNote = r.DecisionNote,
        Version = r.Version,
    };

    private static ApprovalRequest ToRequest(ApprovalRequestEntity e) => new(
        e.Id,
        e.BudgetId,
        e.Team,
        new DateRange(e.PeriodStart, e.PeriodEnd),
        e.Amount,
        e.Currency,
        e.Reason,
        new ApprovalParty(e.RequesterKey, e.RequesterName, e.RequesterChannel, e.RequesterConversation, e.RequesterWorkspace),
        ApprovalWire.ParseStatus(e.Status) ?? throw new InvalidDataException($"Approval request {e.Id} has an unknown status '{e.Status}'."),
        e.ApprovedAmount,
        e.Step,
        e.Escalations,
        e.CreatedAt,
        e.StageStartedAt,
        e.RemindedAt,
        e.DecidedAt,
        e.DecidedBy,
        e.DecisionNote,
        e.Version);

    private static ApprovalAuditEntity ToEntity(ApprovalEvent a) => new()
    {
        RequestId = a.RequestId,
        At = a.At,
        Kind = ApprovalWire.Name(a.Kind),
        Actor = a.Actor,
        Note = a.Note,
        AmountBefore = a.AmountBefore,
        AmountAfter = a.AmountAfter,
        Currency = a.Currency,
        Channel = a.Channel,
        MessageId = a.MessageId,
    };

    private static ApprovalEvent ToEvent(ApprovalAuditEntity a) =>
        new(a.Sequence, a.RequestId, a.At, ApprovalWire.ParseKind(a.Kind), a.Actor, a.Note, a.AmountBefore, a.AmountAfter, a.Currency, a.Channel, a.MessageId);
}
