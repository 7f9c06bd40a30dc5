namespace FinOps.Storage.Import;

/// <summary>Running sums of one fact key.</summary>
internal sealed class FactSums
{
    public decimal BilledCost { get; set; }

    public decimal EffectiveCost { get; set; }

    public decimal ListCost { get; set; }

    public decimal ContractedCost { get; set; }

    public long Rows { get; set; }
}
