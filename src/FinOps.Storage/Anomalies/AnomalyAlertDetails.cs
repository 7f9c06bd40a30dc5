using FinOps.Core.Anomalies;

namespace FinOps.Storage.Anomalies;

/// <summary>The JSON of <see cref="AnomalyAlertEntity.Details"/>.</summary>
internal sealed record AnomalyAlertDetails(
    IReadOnlyList<KeyValuePair<string, string>> Scope,
    IReadOnlyList<AnomalyRootCause> RootCauses,
    IReadOnlyList<AnomalyDay> Chart);

