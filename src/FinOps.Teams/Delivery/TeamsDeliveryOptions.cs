namespace FinOps.Teams.Delivery;

/// <summary>Durable delivery of Teams work: slow answers and proactive sends (appsettings section <c>Teams:Delivery</c>).</summary>
public sealed class TeamsDeliveryOptions
{
    public const string SectionName = "Teams:Delivery";

    /// <summary>How often the queue is looked at for due work (new work wakes the worker at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a worker owns a claimed item; a worker that died lets it go when the lease runs out.</summary>
    public TimeSpan ProcessingLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts before an item is given up (a dead letter).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>First retry delay; it doubles per attempt up to <see cref="MaxRetryDelay"/>, or waits longer when the connector says so (Retry-After).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Timeout of one connector call. Long on purpose: the connector cannot be asked afterwards whether a timed-out post
    /// arrived, so a timeout is retried as a new post; waiting long makes "it arrived but the answer was lost" rare.
    /// </summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(100);
}
