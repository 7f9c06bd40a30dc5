namespace FinOps.Core.Reliability;

/// <summary>A queued message or piece of work that was given up: never attempted again, kept for an operator to look at.</summary>
/// <param name="Id">Store id.</param>
/// <param name="Channel">Which sender or worker owned it ("slack", "teams", "slack.inbox", ...).</param>
/// <param name="IdempotencyKey">Its unique key.</param>
/// <param name="Attempts">Attempts made, including the last one.</param>
/// <param name="LastError">Why the last attempt failed (a platform error code such as <c>channel_not_found</c>).</param>
/// <param name="CreatedAt">When it was queued.</param>
/// <param name="FailedAt">When it was given up.</param>
/// <remarks>Dead letters are purged after the retention the host configures; listing them does not change them.</remarks>
public sealed record DeadLetter(
    long Id, string Channel, string IdempotencyKey, int Attempts, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? FailedAt);
