using FinOps.Core.Query;

namespace FinOps.Benchmarks;

/// <summary>One typical question shape: our <see cref="CostQuery"/> and the SQL that answers the same thing over DuckDB's daily table.</summary>
/// <param name="Name">Short name for the tables.</param>
/// <param name="Query">What ICostQueryService runs.</param>
/// <param name="Sql">What DuckDB runs (timed): the same rows, top-N and totals.</param>
/// <param name="MetricColumn">The daily table's column for the query's metric.</param>
/// <param name="Where">The period and filters as a predicate over the daily table (for the totals check).</param>
/// <param name="CompareWhere">The compare period and filters, when the query has one.</param>
public sealed record QueryShape(string Name, CostQuery Query, string Sql, string MetricColumn, string Where, string? CompareWhere = null);
