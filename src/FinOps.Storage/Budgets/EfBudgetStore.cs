using FinOps.Core.Budgets;
using FinOps.Storage.Data;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Storage.Budgets;

/// <summary>Budgets and their audit in the cost store; a change and its audit row are written in one transaction.</summary>
public sealed class EfBudgetStore(CostDatabase database, TimeProvider time) : IBudgetStore
{
    public async Task<IReadOnlyList<BudgetDefinition>> ListAsync(CancellationToken cancellationToken)
    {
        await database.EnsureReadyAsync(cancellationToken);
        await using var context = database.CreateContext();
        var rows = await context.Budgets.AsNoTracking().OrderBy(b => b.Id).Select(b => b.DefinitionJson).ToListAsync(cancellationToken);
        return [.. rows.Select(BudgetJson.Deserialize)];
    }

    public async Task<BudgetDefinition?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await database.EnsureReadyAsync(cancellationToken);
        await using var context = database.CreateContext();
        var json = await context.Budgets.AsNoTracking().Where(b => b.Id == id).Select(b => b.DefinitionJson).FirstOrDefaultAsync(cancellationToken);
        return json is null ? null : BudgetJson.Deserialize(json);
    }

    public async Task<BudgetChange?> SetAsync(BudgetDefinition budget, BudgetChangeOrigin origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentNullException.ThrowIfNull(origin);
        budget.Validate();
        await database.EnsureReadyAsync(cancellationToken);
        await using var context = database.CreateContext();
        // An immediate (writing) transaction from the first read: two people setting the same budget at once are serialised,
        // so the second reads the first's row and audits an update (or nothing when equal) instead of a duplicate-key error.
        // A deferred one would let both read "none" and fail the second with "database is locked" (EfBudgetStoreTests).
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        await WriteLocks.TakeAsync(context, "budget:" + budget.Id, cancellationToken);
        var row = await context.Budgets.FirstOrDefaultAsync(b => b.Id == budget.Id, cancellationToken);
        var json = BudgetJson.Serialize(budget);
        if (row is not null && row.DefinitionJson == json)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var before = row?.DefinitionJson;
        if (row is null)
        {
            context.Budgets.Add(new BudgetEntity { Id = budget.Id, Team = budget.Team, DefinitionJson = json, UpdatedAt = now });
        }
        else
        {
            row.Team = budget.Team;
            row.DefinitionJson = json;
            row.UpdatedAt = now;
        }

        var change = Audit(context, budget.Id, before is null ? "create" : "update", before, json, origin, now);
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ToChange(change);
    }

    public async Task<BudgetChange?> RemoveAsync(string id, BudgetChangeOrigin origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(origin);
        await database.EnsureReadyAsync(cancellationToken);
        await using var context = database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        await WriteLocks.TakeAsync(context, "budget:" + id, cancellationToken);
        var row = await context.Budgets.FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (row is null)
        {
            return null;
        }

        context.Budgets.Remove(row);
        var change = Audit(context, id, "delete", row.DefinitionJson, null, origin, time.GetUtcNow());
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ToChange(change);
    }

    public async Task<IReadOnlyList<BudgetChange>> ListChangesAsync(string? budgetId, CancellationToken cancellationToken)
    {
        await database.EnsureReadyAsync(cancellationToken);
        await using var context = database.CreateContext();
        var query = context.BudgetChanges.AsNoTracking();
        if (budgetId is not null)
        {
            query = query.Where(c => c.BudgetId == budgetId);
        }

        var rows = await query.OrderBy(c => c.Id).ToListAsync(cancellationToken);
        return [.. rows.Select(ToChange)];
    }

    private static BudgetChangeEntity Audit(CostDbContext context, string id, string action, string? before, string? after, BudgetChangeOrigin origin, DateTimeOffset now)
    {
        var change = new BudgetChangeEntity
        {
            BudgetId = id,
            Action = action,
            BeforeJson = before,
            AfterJson = after,
            ChangedBy = origin.ChangedBy,
            Source = SourceName(origin.Source),
            Detail = origin.Detail,
            ChangedAt = now,
        };
        context.BudgetChanges.Add(change);
        return change;
    }

    private static BudgetChange ToChange(BudgetChangeEntity e) => new(
        e.Id,
        e.BudgetId,
        e.Action,
        e.BeforeJson is null ? null : BudgetJson.Deserialize(e.BeforeJson),
        e.AfterJson is null ? null : BudgetJson.Deserialize(e.AfterJson),
        e.ChangedBy,
        e.Source switch
        {
            "chat" => BudgetChangeSource.Chat,
            "rules" => BudgetChangeSource.Rules,
            _ => BudgetChangeSource.Cli,
        },
        e.Detail,
        e.ChangedAt);

    private static string SourceName(BudgetChangeSource source) => source switch
    {
        BudgetChangeSource.Chat => "chat",
        BudgetChangeSource.Rules => "rules",
        _ => "cli",
    };
}
