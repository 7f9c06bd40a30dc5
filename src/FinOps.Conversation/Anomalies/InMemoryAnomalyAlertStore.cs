using FinOps.Core.Anomalies;

namespace FinOps.Conversation.Anomalies;

/// <summary>Anomaly alert state in memory, with the same conditional updates as the durable store; for hosts without storage and for tests.</summary>
public sealed class InMemoryAnomalyAlertStore : IAnomalyAlertStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, AnomalyAlert> _alerts = new(StringComparer.Ordinal);
    private readonly List<AnomalyAlertCopy> _copies = [];

    public Task<AnomalyAlert?> FindAsync(string incidentId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_alerts.GetValueOrDefault(incidentId));
        }
    }

    public Task<IReadOnlyList<AnomalyAlert>> ListAsync(AnomalyAlertStatus? status, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<AnomalyAlert>>([.. _alerts.Values
                .Where(a => status is null || a.Status == status)
                .OrderBy(a => a.Incident.Start).ThenBy(a => a.Id, StringComparer.Ordinal)]);
        }
    }

    public Task<bool> TryAddAsync(AnomalyAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        lock (_gate)
        {
            return Task.FromResult(_alerts.TryAdd(alert.Id, alert));
        }
    }

    public Task<bool> TryUpdateAsync(AnomalyAlert updated, int expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(updated);
        lock (_gate)
        {
            if (!_alerts.TryGetValue(updated.Id, out var stored) || stored.Version != expectedVersion)
            {
                return Task.FromResult(false);
            }

            _alerts[updated.Id] = updated;
            return Task.FromResult(true);
        }
    }

    public Task AddCopyAsync(AnomalyAlertCopy copy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(copy);
        lock (_gate)
        {
            if (Index(copy.IncidentId, copy.Channel, copy.MessageId) < 0)
            {
                _copies.Add(copy);
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AnomalyAlertCopy>> CopiesAsync(string incidentId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<AnomalyAlertCopy>>([.. _copies
                .Where(c => c.IncidentId == incidentId)
                .OrderBy(c => c.Channel, StringComparer.Ordinal).ThenBy(c => c.MessageId, StringComparer.Ordinal)]);
        }
    }

    public Task MarkShownAsync(string incidentId, string channel, string messageId, int version, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var i = Index(incidentId, channel, messageId);
            if (i >= 0 && _copies[i].ShownVersion < version)
            {
                _copies[i] = _copies[i] with { ShownVersion = version };
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> StaleAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<string>>([.. _copies
                .Where(c => _alerts.TryGetValue(c.IncidentId, out var a) && c.ShownVersion < a.Version)
                .Select(c => c.IncidentId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
        }
    }

    private int Index(string incidentId, string channel, string messageId) =>
        _copies.FindIndex(c => c.IncidentId == incidentId && c.Channel == channel && c.MessageId == messageId);
}
