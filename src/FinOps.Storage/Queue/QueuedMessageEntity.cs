namespace FinOps.Storage.Queue;

/// <summary>A queued piece of work: inbound chat work to process, or an outgoing message to deliver.</summary>
public sealed class QueuedMessageEntity
{
    public long Id { get; set; }

    public required string Channel { get; set; }

    public required string IdempotencyKey { get; set; }

    public required string Payload { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary><c>pending</c>, <c>sent</c> or <c>dead</c>.</summary>
    public required string Status { get; set; }

    public string? LastError { get; set; }

    public string? Result { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it was sent or given up (dead); null while pending. Retention counts from here.</summary>
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The worker that owns the current attempt; null when nobody does.</summary>
    public string? ClaimedBy { get; set; }

    /// <summary>When <see cref="ClaimedBy"/>'s claim runs out and another worker may take the work over.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }
}
