namespace FinOps.Storage.Import;

/// <summary>Running sums of one fact key, kept in a reused array so flushing leaves no garbage behind.</summary>
internal struct FactSums
{
    public decimal BilledCost;

    public decimal EffectiveCost;

    public decimal ListCost;

    public decimal ContractedCost;

    public long Rows;
}
