using FinOps.Storage.Data;
using FinOps.Storage.Queue;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Storage.Channels;

/// <summary>Durable JSON records of the chat adapters (conversation references, workspace installations), by kind and key.</summary>
/// <remarks>In the queue file, not the cost store: Teams saves a conversation reference on every inbound activity, which must not wait for an import.</remarks>
public sealed class ChannelRecordStore(QueueDatabase database, TimeProvider timeProvider)
{
    public async Task UpsertAsync(string kind, string key, string json, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(json);
        await database.EnsureReadyAsync(cancellationToken);
        await using var context = database.CreateContext();
        var now = timeProvider.GetUtcNow();
        var updated = await context.ChannelRecords
            .Where(r => r.Kind == kind && r.Key == key)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Json, json).SetProperty(r => r.UpdatedAt, now), cancellationToken);
        if (updated == 1)
        {
            return;
        }

        context.ChannelRecords.Add(new ChannelRecordEntity { Kind = kind, Key = key, Json = json, UpdatedAt = now });
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another writer inserted the same key first; last write wins, as for the update above.
            await using var retry = database.CreateContext();
            await retry.ChannelRecords
                .Where(r => r.Kind == kind && r.Key == key)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.Json, json).SetProperty(r => r.UpdatedAt, now), cancellationToken);
        }
    }

    public async Task<string?> GetAsync(string kind, string key, CancellationToken cancellationToken)
    {
        await database.EnsureReadyAsync(cancellationToken);
        await using var context = database.CreateContext();
        return await context.ChannelRecords.Where(r => r.Kind == kind && r.Key == key).Select(r => r.Json).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<bool> DeleteAsync(string kind, string key, CancellationToken cancellationToken)
    {
        await database.EnsureReadyAsync(cancellationToken);
        await using var context = database.CreateContext();
        return await context.ChannelRecords.Where(r => r.Kind == kind && r.Key == key).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    public async Task<IReadOnlyList<string>> ListAsync(string kind, CancellationToken cancellationToken)
    {
        await database.EnsureReadyAsync(cancellationToken);
        await using var context = database.CreateContext();
        return await context.ChannelRecords.Where(r => r.Kind == kind).OrderBy(r => r.Key).Select(r => r.Json).ToListAsync(cancellationToken);
    }
}
