namespace FinOps.Core.Query;

/// <summary>Runs <see cref="CostQuery"/> against the cost store.</summary>
public interface ICostQueryService
{
    Task<CostQueryResult> QueryAsync(CostQuery query, CancellationToken cancellationToken);

    /// <summary>Distinct values of a dimension present in the store (for resolving words to values).</summary>
    Task<IReadOnlyList<string>> GetDimensionValuesAsync(Dimension dimension, CancellationToken cancellationToken);

    /// <summary>Date range covered by data and when it was last imported; null when the store is empty.</summary>
    Task<DataCoverage?> GetCoverageAsync(CancellationToken cancellationToken);
}
