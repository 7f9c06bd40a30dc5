namespace FinOps.Core.Anomalies;

/// <summary>One contributor to an anomaly: a resource with its service, account and region, and its money impact.</summary>
/// <remarks>
/// <see cref="Impact"/> is the resource's cost over the anomaly's days minus its cost over the same weekdays one or more
/// whole weeks before. <see cref="NewSince"/> is the first day the resource had cost when it had none in that earlier
/// window (a new resource).
/// </remarks>
public sealed record AnomalyRootCause(IReadOnlyList<KeyValuePair<string, string>> Key, decimal Impact, DateOnly? NewSince);
