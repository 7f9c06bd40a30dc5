namespace FinOps.Bot.Scheduling;

/// <summary>When cost anomaly alerts are sent (configuration section <c>AnomalyAlerts</c>).</summary>
/// <remarks>
/// The job replays the detector over the last <see cref="ReplayDays"/> run dates (so an ongoing incident keeps the start,
/// and therefore the id, it was first alerted with) and sends the incidents first reported within the last
/// <see cref="CatchUpDays"/> run dates that were not sent yet (a host that was down for a day still alerts).
/// </remarks>
public sealed class AnomalyAlertOptions
{
    public const string SectionName = "AnomalyAlerts";

    /// <summary>Whether anomaly alerts are sent on a schedule; default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Quartz cron (UTC) of the daily run; default 07:30.</summary>
    public string DailyCron { get; set; } = "0 30 7 * * ?";

    /// <summary>How often the store's last import time is checked; a new import runs the detection again.</summary>
    public TimeSpan ImportCheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Run dates replayed before today's.</summary>
    public int ReplayDays { get; set; } = 35;

    /// <summary>Incidents first reported on this many latest run dates are sent if not sent yet.</summary>
    public int CatchUpDays { get; set; } = 3;
}
