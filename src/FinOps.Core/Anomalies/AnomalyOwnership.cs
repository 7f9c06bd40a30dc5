namespace FinOps.Core.Anomalies;

/// <summary>Whose an anomaly incident is, and which service it is about: what alerts are routed and muted by.</summary>
public static class AnomalyOwnership
{
    /// <summary>The incident's team, or for an account incident the team whose resources moved most.</summary>
    public static string? OwningTeam(CostAnomaly anomaly)
    {
        ArgumentNullException.ThrowIfNull(anomaly);
        var scoped = anomaly.Scope.FirstOrDefault(p => p.Key == "team").Value;
        if (scoped is not null)
        {
            return scoped;
        }

        return anomaly.RootCauses
            .Select(c => (Team: c.Key.FirstOrDefault(p => p.Key == "team").Value, c.Impact))
            .Where(c => c.Team is not null)
            .GroupBy(c => c.Team!, StringComparer.Ordinal)
            .Select(g => (Team: g.Key, Impact: Math.Abs(g.Sum(c => c.Impact))))
            .OrderByDescending(g => g.Impact)
            .ThenBy(g => g.Team, StringComparer.Ordinal)
            .Select(g => g.Team)
            .FirstOrDefault();
    }

    /// <summary>The incident's service: its scope's, else the service of its largest root cause (null when none is known).</summary>
    public static string? Service(CostAnomaly anomaly)
    {
        ArgumentNullException.ThrowIfNull(anomaly);
        return anomaly.Scope.FirstOrDefault(p => p.Key == "service").Value
            ?? anomaly.RootCauses.Select(c => c.Key.FirstOrDefault(p => p.Key == "service").Value).FirstOrDefault(s => s is not null);
    }

    /// <summary>The series text of a scope, as <see cref="AnomalySeries.ScopeText"/> (<c>team=payments, service=EC2</c>).</summary>
    public static string ScopeText(IReadOnlyList<KeyValuePair<string, string>> scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return string.Join(", ", scope.Select(p => p.Key + "=" + p.Value));
    }

    /// <summary>The incident's impact per day (actual minus expected).</summary>
    public static decimal DailyImpact(CostAnomaly anomaly)
    {
        ArgumentNullException.ThrowIfNull(anomaly);
        return Math.Round(anomaly.Impact / Math.Max(1, anomaly.Days), 2);
    }
}
