namespace FinOps.Storage.Data;

/// <summary>The money columns of a fact segment.</summary>
public enum FactAmountColumn
{
    BilledCost,
    EffectiveCost,
    ListCost,
    ContractedCost,
}
