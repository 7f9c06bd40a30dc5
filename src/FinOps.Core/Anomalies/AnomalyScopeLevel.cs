namespace FinOps.Core.Anomalies;

/// <summary>The three kinds of series the detector watches.</summary>
public enum AnomalyScopeLevel
{
    Team,
    TeamService,
    Account,
}
