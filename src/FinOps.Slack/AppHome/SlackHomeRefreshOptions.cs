namespace FinOps.Slack.AppHome;

/// <summary>Re-publishing App Home tabs after an import (section <c>SlackHomeRefresh</c>).</summary>
public sealed class SlackHomeRefreshOptions
{
    public const string SectionName = "SlackHomeRefresh";

    /// <summary>False turns the refresh off: tabs are then only published when opened.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the bot checks whether new cost data was imported (by this process or the <c>import</c> verb).</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Only people who opened their tab this recently get it refreshed; the others see fresh numbers when they next open it.</summary>
    public TimeSpan RecentWithin { get; set; } = TimeSpan.FromDays(30);

    /// <summary>At most this many tabs (the most recently opened) are re-published per import.</summary>
    public int MaxUsers { get; set; } = 200;

    /// <summary>Time between two <c>views.publish</c> calls of a refresh (Slack allows about 100 a minute per workspace); zero does not pace.</summary>
    public TimeSpan PublishInterval { get; set; } = TimeSpan.FromMilliseconds(700);
}
