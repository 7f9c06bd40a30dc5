namespace FinOps.Core.Anomalies;

/// <summary>One daily usage-cost series the detector watches: a scope (team, team and service, or account) in one currency.</summary>
/// <remarks>
/// <see cref="Scope"/> is ordered (team before service) and uses the query engine's dimension names and stored
/// values. <see cref="Values"/>[i] is the EffectiveCost of usage charges on <c>FirstDay + i</c>. For an account series
/// <see cref="Parts"/> holds the same cost per team (what lets an account's move be traced to a team's incident).
/// </remarks>
public sealed record AnomalySeries(
    IReadOnlyList<KeyValuePair<string, string>> Scope,
    string Currency,
    decimal[] Values)
{
    public IReadOnlyDictionary<string, decimal[]>? Parts { get; init; }

    /// <summary>The team key of a team or team-and-service scope; null for an account scope.</summary>
    public string? Team => Scope.FirstOrDefault(p => p.Key == "team").Value;

    public AnomalyScopeLevel Level => Scope.Any(p => p.Key == "service")
        ? AnomalyScopeLevel.TeamService
        : Team is not null ? AnomalyScopeLevel.Team : AnomalyScopeLevel.Account;

    public string ScopeText => string.Join(", ", Scope.Select(p => p.Key + "=" + p.Value));
}
