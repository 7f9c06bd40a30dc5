namespace FinOps.Storage.Queue;

/// <summary>How long finished rows of the queue file are kept (configuration section <c>Queue:Retention</c>).</summary>
/// <remarks>
/// Pending work is never purged. A sent message's idempotency key goes with its row, so <see cref="Sent"/> must outlast
/// any retry of the same send (a digest re-run the same week): the default two weeks covers a weekly schedule.
/// </remarks>
public sealed class QueueRetentionOptions
{
    public const string SectionName = "Queue:Retention";

    /// <summary>Age (from when it was sent) after which a delivered message or finished piece of work is deleted. Default 14 days.</summary>
    public TimeSpan Sent { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Age (from when it was given up) after which a dead letter is deleted. Default 30 days.</summary>
    public TimeSpan Dead { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the purge runs. Default hourly.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);
}
