using FinOps.Core.Anomalies;

namespace FinOps.Conversation.Anomalies;

/// <summary>Finds an anomaly incident as the detector sees it now, so a card answering a click shows its current numbers.</summary>
public interface IAnomalyIncidentLookup
{
    /// <summary>The incident <paramref name="id"/> that started on <paramref name="start"/>, or null when the detector no longer reports it.</summary>
    Task<CostAnomaly?> FindAsync(string id, DateOnly start, CancellationToken cancellationToken);
}
