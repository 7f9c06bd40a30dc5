namespace FinOps.Core.Query;

/// <summary>One row of a result: the group-by values (in <see cref="CostQuery.GroupBy"/> order), the time bucket when the query has a granularity, and the amounts.</summary>
public sealed record CostRow(
    IReadOnlyList<string> Key,
    DateOnly? Bucket,
    decimal Value,
    decimal? CompareValue);
