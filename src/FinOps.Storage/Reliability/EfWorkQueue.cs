using FinOps.Core.Reliability;
using FinOps.Storage.Data;
using FinOps.Storage.Queue;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Storage.Reliability;

/// <summary>
/// <see cref="IWorkQueue"/> in the queue file: pending work and messages survive restarts and platform outages, and storing
/// them never waits for an import (which holds the cost store's write lock, not this file's).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "It is a queue: durable queued work with claims, named for what it holds.")]
public sealed class EfWorkQueue(QueueDatabase database, TimeProvider timeProvider) : IWorkQueue
{
    private const string Pending = "pending";
    private const string Sent = "sent";
    private const string Dead = "dead";

    public async Task<bool> EnqueueAsync(string channel, string idempotencyKey, string payload, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        ArgumentNullException.ThrowIfNull(payload);
        await database.EnsureReadyAsync(cancellationToken);
        await using var context = database.CreateContext();
        if (await context.Messages.AnyAsync(m => m.IdempotencyKey == idempotencyKey, cancellationToken))
        {
            return false;
        }

        var now = timeProvider.GetUtcNow();
        context.Messages.Add(new QueuedMessageEntity
        {
            Channel = channel,
            IdempotencyKey = idempotencyKey,
            Payload = payload,
            Status = Pending,
            NextAttemptAt = now,
            CreatedAt = now,
        });
        try
        {
            await context.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // The unique index caught a concurrent enqueue of the same key.
            return false;
        }
    }

    public async Task<IReadOnlyList<QueuedWork>> GetDueAsync(string channel, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        await database.EnsureReadyAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        await using var context = database.CreateContext();
        return await context.Messages
            .Where(m => m.Channel == channel && m.Status == Pending && m.NextAttemptAt <= now && (m.ClaimedBy == null || m.LeaseUntil <= now))
            .OrderBy(m => m.Id)
            .Take(max)
            .Select(m => new QueuedWork(m.Id, m.Channel, m.IdempotencyKey, m.Payload, m.Attempts, m.LastError) { Abandoned = m.ClaimedBy != null })
            .ToListAsync(cancellationToken);
    }

    public async Task<bool> TryClaimAsync(long id, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        await database.EnsureReadyAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        DateTimeOffset? until = now + lease;
        await using var context = database.CreateContext();

        // One conditional UPDATE: SQLite runs it under the file's write lock, so of any number of claimers exactly one
        // sees its row match; the others find it claimed (or sent) and change nothing.
        var claimed = await context.Messages
            .Where(m => m.Id == id && m.Status == Pending && m.NextAttemptAt <= now && (m.ClaimedBy == null || m.LeaseUntil <= now))
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.ClaimedBy, owner).SetProperty(m => m.LeaseUntil, until), cancellationToken);
        return claimed == 1;
    }

    public async Task MarkSentAsync(long id, string? result, CancellationToken cancellationToken)
    {
        await database.EnsureReadyAsync(cancellationToken);
        DateTimeOffset? now = timeProvider.GetUtcNow();
        await using var context = database.CreateContext();
        await context.Messages
            .Where(m => m.Id == id)
            .ExecuteUpdateAsync(
                u => u.SetProperty(m => m.Status, Sent)
                    .SetProperty(m => m.Result, result)
                    .SetProperty(m => m.FinishedAt, now)
                    .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                    .SetProperty(m => m.ClaimedBy, (string?)null)
                    .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null),
                cancellationToken);
    }

    public async Task MarkFailedAsync(long id, string failure, DateTimeOffset? retryAt, CancellationToken cancellationToken)
    {
        await database.EnsureReadyAsync(cancellationToken);
        await using var context = database.CreateContext();
        if (retryAt is { } at)
        {
            await context.Messages
                .Where(m => m.Id == id)
                .ExecuteUpdateAsync(
                    u => u.SetProperty(m => m.LastError, failure)
                        .SetProperty(m => m.NextAttemptAt, at)
                        .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                        .SetProperty(m => m.ClaimedBy, (string?)null)
                        .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null),
                    cancellationToken);
        }
        else
        {
            DateTimeOffset? now = timeProvider.GetUtcNow();
            await context.Messages
                .Where(m => m.Id == id)
                .ExecuteUpdateAsync(
                    u => u.SetProperty(m => m.LastError, failure)
                        .SetProperty(m => m.Status, Dead)
                        .SetProperty(m => m.FinishedAt, now)
                        .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                        .SetProperty(m => m.ClaimedBy, (string?)null)
                        .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null),
                    cancellationToken);
        }
    }

    public async Task<IReadOnlyList<DeadLetter>> GetDeadLettersAsync(int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        await database.EnsureReadyAsync(cancellationToken);
        await using var context = database.CreateContext();
        return await context.Messages
            .Where(m => m.Status == Dead)
            .OrderByDescending(m => m.FinishedAt)
            .ThenByDescending(m => m.Id)
            .Take(max)
            .Select(m => new DeadLetter(m.Id, m.Channel, m.IdempotencyKey, m.Attempts, m.LastError, m.CreatedAt, m.FinishedAt))
            .ToListAsync(cancellationToken);
    }

    public async Task<int> CountDeadLettersAsync(CancellationToken cancellationToken)
    {
        await database.EnsureReadyAsync(cancellationToken);
        await using var context = database.CreateContext();
        return await context.Messages.CountAsync(m => m.Status == Dead, cancellationToken);
    }

    public async Task<int> PurgeAsync(DateTimeOffset sentBefore, DateTimeOffset deadBefore, CancellationToken cancellationToken)
    {
        await database.EnsureReadyAsync(cancellationToken);
        await using var context = database.CreateContext();
        DateTimeOffset? sentLimit = sentBefore;
        DateTimeOffset? deadLimit = deadBefore;

        // Rows finished before this column existed have no FinishedAt: their age counts from when they were queued.
        var sent = await context.Messages
            .Where(m => m.Status == Sent && (m.FinishedAt < sentLimit || (m.FinishedAt == null && m.CreatedAt < sentBefore)))
            .ExecuteDeleteAsync(cancellationToken);
        var dead = await context.Messages
            .Where(m => m.Status == Dead && (m.FinishedAt < deadLimit || (m.FinishedAt == null && m.CreatedAt < deadBefore)))
            .ExecuteDeleteAsync(cancellationToken);
        return sent + dead;
    }
}
