using System.Globalization;

namespace FinOps.Core.Anomalies;

/// <summary>Cost anomaly detection settings (configuration section <c>Anomalies</c>).</summary>
/// <remarks>
/// A day is a raw detection when its usage cost leaves the expected band by more than <see cref="Sensitivity"/>
/// robust standard deviations. It becomes an alert only when the difference is also at least
/// <see cref="MinDailyImpact"/> (money, in the series' currency) and <see cref="MinPercent"/> of the expected cost;
/// <see cref="Teams"/> overrides both per team key. <see cref="Holidays"/> are quiet days: they are not judged (a dip
/// on them is never an anomaly, nor is the unused commitment it leaves) and they are left out of what the detector learns.
/// </remarks>
public sealed class AnomalyOptions
{
    public const string SectionName = "Anomalies";

    /// <summary>Robust z-score (MAD-based) a day must exceed to be a raw detection.</summary>
    public double Sensitivity { get; set; } = 4.0;

    /// <summary>Smallest daily difference from expected, in money, that alerts.</summary>
    public decimal MinDailyImpact { get; set; } = 150m;

    /// <summary>Smallest daily difference from expected, in percent of expected, that alerts.</summary>
    public decimal MinPercent { get; set; } = 10m;

    /// <summary>Days an anomaly keeps alerting before its new level is learned as normal.</summary>
    public int LearnAfterDays { get; set; } = 7;

    /// <summary>Days of history a series needs before it is judged (new series ramp up unjudged).</summary>
    public int MinHistoryDays { get; set; } = 14;

    /// <summary>Slowest sustained growth, in percent per day over two weeks, reported as a leak.</summary>
    public double LeakMinPercentPerDay { get; set; } = 1.0;

    /// <summary>Quiet days: <c>MM-dd</c> every year or <c>yyyy-MM-dd</c> once.</summary>
    public IList<string> Holidays { get; set; } = [];

    /// <summary>Per team key: alert thresholds that replace the defaults.</summary>
    public IDictionary<string, AnomalyTeamThresholds> Teams { get; set; } =
        new Dictionary<string, AnomalyTeamThresholds>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The first problem found, naming the setting; null when the options are usable.</summary>
    public string? Validate()
    {
        var inv = CultureInfo.InvariantCulture;
        if (Sensitivity is <= 0 or > 100 || double.IsNaN(Sensitivity))
        {
            return string.Create(inv, $"{SectionName}:Sensitivity must be above 0 and at most 100, not {Sensitivity}.");
        }

        if (MinDailyImpact < 0)
        {
            return string.Create(inv, $"{SectionName}:MinDailyImpact must not be negative, not {MinDailyImpact}.");
        }

        if (MinPercent is < 0 or > 1000)
        {
            return string.Create(inv, $"{SectionName}:MinPercent must be 0 to 1000, not {MinPercent}.");
        }

        if (LearnAfterDays is < 1 or > 60)
        {
            return string.Create(inv, $"{SectionName}:LearnAfterDays must be 1 to 60, not {LearnAfterDays}.");
        }

        if (MinHistoryDays is < 7 or > 120)
        {
            return string.Create(inv, $"{SectionName}:MinHistoryDays must be 7 to 120, not {MinHistoryDays}.");
        }

        if (LeakMinPercentPerDay is <= 0 or > 100 || double.IsNaN(LeakMinPercentPerDay))
        {
            return string.Create(inv, $"{SectionName}:LeakMinPercentPerDay must be above 0 and at most 100, not {LeakMinPercentPerDay}.");
        }

        for (var i = 0; i < Holidays.Count; i++)
        {
            if (!HolidayCalendar.TryParse(Holidays[i], out _))
            {
                return $"{SectionName}:Holidays:{i}: '{Holidays[i]}' is not MM-dd or yyyy-MM-dd.";
            }
        }

        foreach (var (team, t) in Teams)
        {
            if (t.MinDailyImpact is < 0)
            {
                return string.Create(inv, $"{SectionName}:Teams:{team}:MinDailyImpact must not be negative, not {t.MinDailyImpact}.");
            }

            if (t.MinPercent is < 0 or > 1000)
            {
                return string.Create(inv, $"{SectionName}:Teams:{team}:MinPercent must be 0 to 1000, not {t.MinPercent}.");
            }
        }

        return null;
    }

    /// <summary>The alert thresholds of <paramref name="team"/> (the defaults when it has none of its own).</summary>
    public (decimal MinDailyImpact, decimal MinPercent) ThresholdsFor(string? team)
    {
        if (team is not null && Teams.TryGetValue(team, out var t))
        {
            return (t.MinDailyImpact ?? MinDailyImpact, t.MinPercent ?? MinPercent);
        }

        return (MinDailyImpact, MinPercent);
    }
}
