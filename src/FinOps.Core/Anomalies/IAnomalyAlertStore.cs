namespace FinOps.Core.Anomalies;

/// <summary>Durable alert state of anomaly incidents and the posted copies of their cards.</summary>
/// <remarks>
/// Changes are conditional on the stored version (<see cref="TryUpdateAsync"/>), so of two racing runs one applies a
/// change. A copy's shown version only grows, so a late, older update never marks a copy as showing less than it does.
/// </remarks>
public interface IAnomalyAlertStore
{
    Task<AnomalyAlert?> FindAsync(string incidentId, CancellationToken cancellationToken);

    /// <summary>Alerts with <paramref name="status"/> (all when null), oldest start first.</summary>
    Task<IReadOnlyList<AnomalyAlert>> ListAsync(AnomalyAlertStatus? status, CancellationToken cancellationToken);

    /// <summary>Stores a new alert; false (nothing written) when one with its id exists.</summary>
    Task<bool> TryAddAsync(AnomalyAlert alert, CancellationToken cancellationToken);

    /// <summary>Replaces the alert stored at <paramref name="expectedVersion"/>; false (nothing written) when it changed meanwhile.</summary>
    Task<bool> TryUpdateAsync(AnomalyAlert updated, int expectedVersion, CancellationToken cancellationToken);

    /// <summary>Remembers a posted copy (once per incident, channel and message id).</summary>
    Task AddCopyAsync(AnomalyAlertCopy copy, CancellationToken cancellationToken);

    Task<IReadOnlyList<AnomalyAlertCopy>> CopiesAsync(string incidentId, CancellationToken cancellationToken);

    /// <summary>Records that a copy now shows <paramref name="version"/> (never lowers it).</summary>
    Task MarkShownAsync(string incidentId, string channel, string messageId, int version, CancellationToken cancellationToken);

    /// <summary>Ids of the incidents with a copy that shows an older version than the alert's.</summary>
    Task<IReadOnlyList<string>> StaleAsync(CancellationToken cancellationToken);
}
