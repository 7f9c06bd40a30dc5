namespace FinOps.Core.Query;

/// <summary>The result of a <see cref="CostQuery"/>: one part per billing currency found, largest first.</summary>
public sealed record CostQueryResult(CostQuery Query, IReadOnlyList<CurrencyCostResult> ByCurrency)
{
    /// <summary>The main currency's result (the one with the largest total), or null when nothing matched.</summary>
    public CurrencyCostResult? Primary => ByCurrency.Count > 0 ? ByCurrency[0] : null;
}
