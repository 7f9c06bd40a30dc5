using FinOps.Core.Freshness;

namespace FinOps.Storage.Ingestion;

/// <summary>The chat's "refresh the cost data": syncs every enabled source now through <see cref="IngestionSync"/>.</summary>
public sealed class IngestionRefresher(IngestionSync sync) : IDataRefresh
{
    public IReadOnlyList<string> Sources => [.. sync.Sources.Where(s => s.Enabled).Select(s => s.Name)];

    public async Task<IReadOnlyList<SourceRefresh>> RefreshAsync(CancellationToken cancellationToken)
    {
        var results = new List<SourceRefresh>();
        foreach (var source in sync.Sources.Where(s => s.Enabled))
        {
            var r = await sync.SyncSourceAsync(source, null, cancellationToken);
            results.Add(new SourceRefresh(r.Source, r.Status, r.Imported, r.Unchanged, r.Rejected, r.Rows, r.Errors));
        }

        return results;
    }
}
