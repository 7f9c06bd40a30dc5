namespace FinOps.Bot.Scheduling;

/// <summary>
/// Timing of Quartz's clustered job store (configuration section <c>SchedulerCluster</c>), used when <c>Storage:Provider</c> is
/// <c>PostgreSql</c>: every replica then schedules through the <c>qrtz_*</c> tables of the one database.
/// </summary>
public sealed class SchedulerClusterOptions
{
    public const string SectionName = "SchedulerCluster";

    /// <summary>How often a replica records in the database that it is alive. Default 10 seconds.</summary>
    public TimeSpan CheckinInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long past a missed check-in the other replicas wait before they take over a dead replica's firings. Default 20 seconds.
    /// </summary>
    public TimeSpan CheckinMisfireThreshold { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How late a trigger may fire before it counts as misfired and its misfire instruction applies (the weekly digest: fire once
    /// now). Default 60 seconds.
    /// </summary>
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromSeconds(60);
}
