namespace FinOps.Core.Freshness;

/// <summary>How far the synced cost data reaches, per ingestion source and billing account.</summary>
/// <remarks>
/// Implemented by the storage layer from the scheduled syncs' records. Empty when no ingestion source is configured (or none
/// has delivered yet): callers then fall back to what the cost data itself says (its last day per provider).
/// </remarks>
public interface IDataFreshness
{
    /// <summary>Every configured source with the last complete day of each billing account it delivers; no credentials.</summary>
    Task<IReadOnlyList<SourceFreshness>> GetAsync(CancellationToken cancellationToken);
}
