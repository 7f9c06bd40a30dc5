namespace FinOps.Bot.Scheduling;

/// <summary>Settings of the weekly team spend digest (section <c>Digests</c>).</summary>
public sealed class DigestOptions
{
    public const string SectionName = "Digests";

    /// <summary>Monday 09:00 UTC (Quartz cron: seconds minutes hours day-of-month month day-of-week).</summary>
    public const string DefaultWeeklyCron = "0 0 9 ? * MON";

    /// <summary>Whether the scheduled weekly digest runs; the "weekly digest" chat command works either way.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>When the weekly digest is sent, as a Quartz cron expression evaluated in UTC.</summary>
    public string WeeklyCron { get; set; } = DefaultWeeklyCron;
}
