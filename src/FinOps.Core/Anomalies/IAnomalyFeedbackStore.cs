namespace FinOps.Core.Anomalies;

/// <summary>Durable, append-only anomaly feedback.</summary>
/// <remarks>
/// An incident takes each kind of feedback once: <see cref="TryAppendAsync"/> writes nothing and returns the entry already
/// stored when the incident has feedback of that kind, so a double click (or a second person's same click) records once.
/// Entries are never changed or removed.
/// </remarks>
public interface IAnomalyFeedbackStore
{
    /// <summary>Appends <paramref name="feedback"/>; returns it as stored, or the earlier entry of the same incident and kind (and false).</summary>
    Task<(bool Added, AnomalyFeedback Entry)> TryAppendAsync(AnomalyFeedback feedback, CancellationToken cancellationToken);

    /// <summary>The entries in the order they were stored, of one incident or (null) of all.</summary>
    Task<IReadOnlyList<AnomalyFeedback>> ListAsync(string? incidentId, CancellationToken cancellationToken);
}
