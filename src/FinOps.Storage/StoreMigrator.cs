using FinOps.Storage.Data;
using FinOps.Storage.Queue;

namespace FinOps.Storage;

/// <summary>Brings both parts of the store (cost store and queues) up to date: the <c>migrate</c> verb's work.</summary>
public sealed class StoreMigrator(CostDatabase costs, QueueDatabase queues)
{
    /// <summary>Applies every pending migration of both contexts; the names applied, each prefixed with its part ("cost:", "queue:").</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        var applied = new List<string>();
        applied.AddRange((await costs.MigrateAsync(cancellationToken)).Select(m => "cost: " + m));
        applied.AddRange((await queues.MigrateAsync(cancellationToken)).Select(m => "queue: " + m));
        return applied;
    }

    /// <summary>The store for messages (never a password).</summary>
    public string Description => costs.Provider == StorageProvider.PostgreSql ? costs.Description : $"{costs.Description} and {queues.Description}";
}
