namespace FinOps.Core.Query;

/// <summary>The answer to a query for one billing currency. Currencies are never summed together.</summary>
/// <remarks><see cref="Total"/> always equals the sum of <see cref="Rows"/> plus <see cref="Other"/>.</remarks>
public sealed record CurrencyCostResult(
    string Currency,
    decimal Total,
    decimal? CompareTotal,
    IReadOnlyList<CostRow> Rows,
    CostRow? Other);
