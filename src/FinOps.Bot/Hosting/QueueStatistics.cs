using FinOps.Storage.Data;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Bot.Hosting;

/// <summary>How many messages each durable queue (the Slack inbox, outgoing Slack and Teams messages) holds, by status.</summary>
/// <remarks>Read from the store's queue table, so health checks and metrics need nothing from the code that owns the queues.</remarks>
public sealed class QueueStatistics(CostDatabase database, StartupState startup)
{
    public const string PendingStatus = "pending";
    public const string DeadStatus = "dead";

    public const string SentStatus = "sent";

    /// <summary>Counts per (channel, status); empty until the store is ready.</summary>
    public async Task<IReadOnlyList<QueueCount>> CountAsync(CancellationToken cancellationToken)
    {
        if (!startup.IsReady)
        {
            return [];
        }

        await using var context = database.CreateContext();
        return await Query(context).ToListAsync(cancellationToken);
    }

    /// <summary>The same, synchronously, for metric callbacks (they cannot await).</summary>
    public IReadOnlyList<QueueCount> Count()
    {
        if (!startup.IsReady)
        {
            return [];
        }

        using var context = database.CreateContext();
        return Query(context).ToList();
    }

    private static IQueryable<QueueCount> Query(CostDbContext context) => context.OutboxMessages
        .GroupBy(m => new { m.Channel, m.Status })
        .Select(g => new QueueCount(g.Key.Channel, g.Key.Status, g.Count(), g.Sum(m => m.Attempts)));
}

/// <summary>Messages of one queue in one status, and the delivery attempts they took.</summary>
public sealed record QueueCount(string Channel, string Status, int Count, int Attempts)
{
    /// <summary>Attempts that failed: all of a pending or dead message's, all but the last of a sent one's.</summary>
    public int FailedAttempts => Status == QueueStatistics.SentStatus ? Attempts - Count : Attempts;
}
