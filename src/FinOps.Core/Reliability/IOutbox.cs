namespace FinOps.Core.Reliability;

/// <summary>Durable queue of outgoing chat messages: nothing queued is lost while a platform is down.</summary>
public interface IOutbox
{
    /// <summary>Stores the message unless one with the same key exists; returns false for a duplicate.</summary>
    Task<bool> EnqueueAsync(string channel, string idempotencyKey, string payload, CancellationToken cancellationToken);

    /// <summary>Messages of <paramref name="channel"/> due for an attempt now, oldest first.</summary>
    Task<IReadOnlyList<OutboxMessage>> GetDueAsync(string channel, int max, CancellationToken cancellationToken);

    /// <summary>Delivered: never attempted again; <paramref name="result"/> (message id) is kept.</summary>
    Task MarkSentAsync(long id, string? result, CancellationToken cancellationToken);

    /// <summary>Failed: attempted again at <paramref name="retryAt"/>, or given up (dead) when null.</summary>
    Task MarkFailedAsync(long id, string failure, DateTimeOffset? retryAt, CancellationToken cancellationToken);
}
