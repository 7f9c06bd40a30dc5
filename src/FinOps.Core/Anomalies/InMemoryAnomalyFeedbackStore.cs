namespace FinOps.Core.Anomalies;

/// <summary>Anomaly feedback in memory (hosts without the cost store, tests); the storage layer's store replaces it.</summary>
public sealed class InMemoryAnomalyFeedbackStore : IAnomalyFeedbackStore
{
    private readonly List<AnomalyFeedback> _entries = [];
    private readonly Lock _gate = new();

    public Task<(bool Added, AnomalyFeedback Entry)> TryAppendAsync(AnomalyFeedback feedback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        lock (_gate)
        {
            var existing = _entries.FirstOrDefault(e => e.IncidentId == feedback.IncidentId && e.Kind == feedback.Kind);
            if (existing is not null)
            {
                return Task.FromResult((false, existing));
            }

            var stored = feedback with { Sequence = _entries.Count + 1 };
            _entries.Add(stored);
            return Task.FromResult((true, stored));
        }
    }

    public Task<IReadOnlyList<AnomalyFeedback>> ListAsync(string? incidentId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<AnomalyFeedback>>([.. _entries.Where(e => incidentId is null || e.IncidentId == incidentId)]);
        }
    }
}
