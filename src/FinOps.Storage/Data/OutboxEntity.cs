namespace FinOps.Storage.Data;

/// <summary>A queued outgoing message.</summary>
public sealed class OutboxEntity
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
}
