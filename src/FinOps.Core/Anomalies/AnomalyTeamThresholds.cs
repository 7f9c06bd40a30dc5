namespace FinOps.Core.Anomalies;

/// <summary>One team's alert thresholds (<c>Anomalies:Teams:&lt;team&gt;</c>); a null value keeps the default.</summary>
public sealed class AnomalyTeamThresholds
{
    public decimal? MinDailyImpact { get; set; }

    public decimal? MinPercent { get; set; }
}
