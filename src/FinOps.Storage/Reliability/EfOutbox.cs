using FinOps.Core.Reliability;
using FinOps.Storage.Data;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Storage.Reliability;

/// <summary><see cref="IOutbox"/> on the store's database: pending messages survive restarts and platform outages.</summary>
public sealed class EfOutbox(CostDatabase database, TimeProvider timeProvider) : IOutbox
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
        if (await context.OutboxMessages.AnyAsync(m => m.IdempotencyKey == idempotencyKey, cancellationToken))
        {
            return false;
        }

        var now = timeProvider.GetUtcNow();
        context.OutboxMessages.Add(new OutboxEntity
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

    public async Task<IReadOnlyList<OutboxMessage>> GetDueAsync(string channel, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        await database.EnsureReadyAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        await using var context = database.CreateContext();
        return await context.OutboxMessages
            .Where(m => m.Channel == channel && m.Status == Pending && m.NextAttemptAt <= now)
            .OrderBy(m => m.Id)
            .Take(max)
            .Select(m => new OutboxMessage(m.Id, m.Channel, m.IdempotencyKey, m.Payload, m.Attempts, m.LastError))
            .ToListAsync(cancellationToken);
    }

    public async Task MarkSentAsync(long id, string? result, CancellationToken cancellationToken)
    {
        await database.EnsureReadyAsync(cancellationToken);
        await using var context = database.CreateContext();
        await context.OutboxMessages
            .Where(m => m.Id == id)
            .ExecuteUpdateAsync(
                u => u.SetProperty(m => m.Status, Sent)
                    .SetProperty(m => m.Result, result)
                    .SetProperty(m => m.Attempts, m => m.Attempts + 1),
                cancellationToken);
    }

    public async Task MarkFailedAsync(long id, string failure, DateTimeOffset? retryAt, CancellationToken cancellationToken)
    {
        await database.EnsureReadyAsync(cancellationToken);
        await using var context = database.CreateContext();
        if (retryAt is { } at)
        {
            await context.OutboxMessages
                .Where(m => m.Id == id)
                .ExecuteUpdateAsync(
                    u => u.SetProperty(m => m.LastError, failure)
                        .SetProperty(m => m.NextAttemptAt, at)
                        .SetProperty(m => m.Attempts, m => m.Attempts + 1),
                    cancellationToken);
        }
        else
        {
            await context.OutboxMessages
                .Where(m => m.Id == id)
                .ExecuteUpdateAsync(
                    u => u.SetProperty(m => m.LastError, failure)
                        .SetProperty(m => m.Status, Dead)
                        .SetProperty(m => m.Attempts, m => m.Attempts + 1),
                    cancellationToken);
        }
    }
}
