using FinOps.Core.Reliability;
using FinOps.Storage.Data;
using FinOps.Storage.Queue;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Storage.Reliability;

/// <summary><see cref="IIdempotencyStore"/> in the queue file. Claims are single conditional writes, so two workers never both win.</summary>
public sealed class EfIdempotencyStore(QueueDatabase database, TimeProvider timeProvider) : IIdempotencyStore
{
    private const string Claimed = "claimed";
    private const string Completed = "completed";

    public async Task<bool> TryClaimAsync(string scope, string key, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(scope);
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        await database.EnsureReadyAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        await using var context = database.CreateContext();

        // Take over a claim whose lease ran out (the worker that held it died).
        var takenOver = await context.IdempotencyKeys
            .Where(k => k.Scope == scope && k.Key == key && k.State == Claimed && k.LeaseUntil <= now)
            .ExecuteUpdateAsync(u => u.SetProperty(k => k.LeaseUntil, now + lease), cancellationToken);
        if (takenOver == 1)
        {
            return true;
        }

        if (await context.IdempotencyKeys.AnyAsync(k => k.Scope == scope && k.Key == key, cancellationToken))
        {
            return false;
        }

        context.IdempotencyKeys.Add(new IdempotencyKeyEntity { Scope = scope, Key = key, State = Claimed, LeaseUntil = now + lease });
        try
        {
            await context.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another worker inserted the same key between our check and our insert: it owns the work.
            return false;
        }
    }

    public async Task CompleteAsync(string scope, string key, string? result, CancellationToken cancellationToken)
    {
        await database.EnsureReadyAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        await using var context = database.CreateContext();
        var updated = await context.IdempotencyKeys
            .Where(k => k.Scope == scope && k.Key == key)
            .ExecuteUpdateAsync(
                u => u.SetProperty(k => k.State, Completed)
                    .SetProperty(k => k.Result, result)
                    .SetProperty(k => k.CompletedAt, now)
                    .SetProperty(k => k.LeaseUntil, (DateTimeOffset?)null),
                cancellationToken);
        if (updated == 0)
        {
            context.IdempotencyKeys.Add(new IdempotencyKeyEntity { Scope = scope, Key = key, State = Completed, Result = result, CompletedAt = now });
            await context.SaveChangesAsync(cancellationToken);
        }
    }

    public async Task ReleaseAsync(string scope, string key, CancellationToken cancellationToken)
    {
        await database.EnsureReadyAsync(cancellationToken);
        await using var context = database.CreateContext();
        await context.IdempotencyKeys
            .Where(k => k.Scope == scope && k.Key == key && k.State == Claimed)
            .ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<string?> GetResultAsync(string scope, string key, CancellationToken cancellationToken)
    {
        await database.EnsureReadyAsync(cancellationToken);
        await using var context = database.CreateContext();
        return await context.IdempotencyKeys
            .Where(k => k.Scope == scope && k.Key == key && k.State == Completed)
            .Select(k => k.Result)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
