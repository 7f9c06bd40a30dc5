namespace FinOps.Bot.Scheduling;

/// <summary>Settings of the weekly team spend digest (section <c>Digests</c>).</summary>
public sealed class DigestOptions
{
    public const string SectionName = "Digests";

    /// <summary>Monday 09:00 UTC (Quartz cron: seconds minutes hours day-of-month month day-of-week).</summary>
    public const string DefaultWeeklyCron = "0 0 9 ? * MON";

    /// <summary>Whether the scheduled weekly digest runs; the "weekly digest" chat command works either way.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>When the weekly digest is sent, as a Quartz cron expression evaluated in <see cref="TimeZone"/>.</summary>
    public string WeeklyCron { get; set; } = DefaultWeeklyCron;

    /// <summary>
    /// IANA time zone id (e.g. <c>Europe/Berlin</c>) <see cref="WeeklyCron"/> is read in, so "Monday 09:00" stays 09:00
    /// local across daylight-saving changes; default UTC. A team's <c>timeZone</c> in allocation.yaml overrides it.
    /// </summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The time zone with this IANA id, or null when the system does not know it.</summary>
    public static TimeZoneInfo? FindZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }
}
