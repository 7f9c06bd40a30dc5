using FinOps.Core.Freshness;

namespace FinOps.Storage.Ingestion;

/// <summary>The syncs' records as <see cref="IDataFreshness"/>: answers, digests and <c>/readyz</c> read how far each source is complete.</summary>
/// <remarks>With no source configured nothing is read and the list is empty, so callers keep their data-derived view.</remarks>
public sealed class IngestionFreshnessReader(IngestionSync sync) : IDataFreshness
{
    public async Task<IReadOnlyList<SourceFreshness>> GetAsync(CancellationToken cancellationToken)
    {
        var sources = sync.Sources;
        if (sources.Count == 0)
        {
            return [];
        }

        var cadence = sources.ToDictionary(s => s.Name, s => s.ExpectedCadence, StringComparer.OrdinalIgnoreCase);
        return [.. (await sync.GetStatusAsync(cancellationToken)).Select(s => new SourceFreshness(
            s.Name,
            s.Status,
            s.LastSyncAt,
            s.LastNewDataAt,
            cadence.GetValueOrDefault(s.Name),
            s.IsStale,
            [.. s.Freshness.Select(a => new AccountCompleteness(a.Provider, a.BillingAccountId, a.LastChargeDay, a.LastCompleteDay))]))];
    }
}
