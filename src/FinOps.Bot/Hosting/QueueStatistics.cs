using FinOps.Storage.Data;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Bot.Hosting;

/// <summary>How many messages each durable queue (the Slack inbox, outgoing Slack and Teams messages) holds, by status.</summary>
/// <remarks>Read from the store's queue table, so health checks and metrics need nothing from the code that owns the queues.</remarks>
public sealed class QueueStatistics(CostDatabase database, StartupState startup)
{
    public const string PendingStatus = "pending";
    public const string DeadStatus = "dead";

    /// <summary>Counts per (channel, status); empty until the store is ready.</summary>
    public async Task<IReadOnlyList<QueueCount>> CountAsync(CancellationToken cancellationToken)
    {
        if (!startup.IsReady)
        {
            return [];
        }

        await using var context = database.CreateContext();
        return await context.OutboxMessages
            .Where(m => m.Status != "sent")
            .GroupBy(m => new { m.Channel, m.Status })
            .Select(g => new QueueCount(g.Key.Channel, g.Key.Status, g.Count()))
            .ToListAsync(cancellationToken);
    }
}

/// <summary>Messages of one queue in one status.</summary>
public sealed record QueueCount(string Channel, string Status, int Count);
