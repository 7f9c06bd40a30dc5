namespace FinOps.Conversation.Anomalies;

/// <summary>Brings the posted copies of an incident's alert card up to the incident's stored state, in place.</summary>
public interface IAnomalyCardUpdater
{
    /// <summary>
    /// Updates every posted copy of <paramref name="incidentId"/>'s card to its current state (e.g. after feedback changed
    /// what the card shows); returns how many copies were updated. A copy that fails is logged and left for the next run.
    /// </summary>
    Task<int> RefreshAsync(string incidentId, CancellationToken cancellationToken);

    /// <summary>Updates only the copies that show an older alert version than the stored one (what the alert job calls after each run).</summary>
    Task<int> UpdateStaleAsync(CancellationToken cancellationToken);
}
