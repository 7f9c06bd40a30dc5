namespace FinOps.Core.Reliability;

/// <summary>
/// The durable work queue: inbound work (Slack requests, slow Teams answers) and outbound sends (proactive messages of every
/// channel), each under a unique key. Nothing queued is lost while a platform is down or the process restarts.
/// </summary>
/// <remarks>
/// Items are kept apart by channel (<c>slack-inbound</c>, <c>slack</c>, <c>teams-inbound</c>, <c>teams</c>, ...). A worker
/// claims an item before working it and records its outcome: sent, failed with a next attempt, or dead.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "It is a queue: durable queued work with claims, named for what it holds.")]
public interface IWorkQueue
{
    /// <summary>Stores the message unless one with the same key exists; returns false for a duplicate.</summary>
    Task<bool> EnqueueAsync(string channel, string idempotencyKey, string payload, CancellationToken cancellationToken);

    /// <summary>Messages of <paramref name="channel"/> due for an attempt now, oldest first.</summary>
    Task<IReadOnlyList<QueuedWork>> GetDueAsync(string channel, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Claims a due message for <paramref name="owner"/> until <paramref name="lease"/> from now; true for exactly one of
    /// any number of concurrent callers. A message is claimable while pending, due and unclaimed or its lease ran out
    /// (the owner died), so work is never done by two workers at once yet never stranded. Marking it sent or failed
    /// ends the claim; a claimed message is not returned by <see cref="GetDueAsync"/> until its lease runs out.
    /// </summary>
    Task<bool> TryClaimAsync(long id, string owner, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Delivered: never attempted again; <paramref name="result"/> (message id) is kept.</summary>
    Task MarkSentAsync(long id, string? result, CancellationToken cancellationToken);

    /// <summary>Failed: attempted again at <paramref name="retryAt"/>, or given up (dead) when null.</summary>
    Task MarkFailedAsync(long id, string failure, DateTimeOffset? retryAt, CancellationToken cancellationToken);

    /// <summary>Messages given up (dead letters) of every channel, most recently failed first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<DeadLetter>> GetDeadLettersAsync(int max, CancellationToken cancellationToken);

    /// <summary>How many dead letters are kept now (for the metrics).</summary>
    Task<int> CountDeadLettersAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Deletes messages sent before <paramref name="sentBefore"/> and dead letters given up before <paramref name="deadBefore"/>;
    /// pending messages are never deleted. Returns how many rows were deleted.
    /// </summary>
    /// <remarks>A sent message's key is forgotten with it: enqueuing that key again afterwards stores a new message.</remarks>
    Task<int> PurgeAsync(DateTimeOffset sentBefore, DateTimeOffset deadBefore, CancellationToken cancellationToken);
}
