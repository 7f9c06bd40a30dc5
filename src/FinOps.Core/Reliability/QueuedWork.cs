namespace FinOps.Core.Reliability;

/// <summary>A queued piece of work: inbound work to process, or a message waiting to be delivered to a chat platform.</summary>
/// <param name="Id">Store id.</param>
/// <param name="Channel">Which worker or sender handles it ("slack-inbound", "slack", "teams-inbound", "teams", "playground").</param>
/// <param name="IdempotencyKey">Unique key: enqueuing the same key twice stores one item.</param>
/// <param name="Payload">Channel-specific JSON, opaque to the queue.</param>
/// <param name="Attempts">Attempts so far.</param>
/// <param name="LastError">Error of the last failed attempt.</param>
public sealed record QueuedWork(long Id, string Channel, string IdempotencyKey, string Payload, int Attempts, string? LastError)
{
    /// <summary>
    /// True when an earlier claim ran out without an outcome being recorded: its worker died (or lost the store) mid-attempt,
    /// so the side effect may have happened although <see cref="Attempts"/> does not count that attempt.
    /// </summary>
    public bool Abandoned { get; init; }
}
