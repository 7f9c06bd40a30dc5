namespace FinOps.Storage.Data;

/// <summary>A claimed or completed idempotency key.</summary>
public sealed class IdempotencyKeyEntity
{
    public required string Scope { get; set; }

    public required string Key { get; set; }

    /// <summary><c>claimed</c> or <c>completed</c>.</summary>
    public required string State { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }

    public string? Result { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }
}
