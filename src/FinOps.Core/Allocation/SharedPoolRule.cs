namespace FinOps.Core.Allocation;

/// <summary>Rule kind 3: rows matching <see cref="Filter"/> that no tag or hierarchy rule claimed are split across teams.</summary>
/// <remarks>
/// <para>The first pool (in file order) whose filter matches takes the row. <see cref="Teams"/> empty means every team
/// with direct cost (proportional) or every declared team (even).</para>
/// <para>Proportional: each team's weight is its direct cost (rows allocated by tag or hierarchy rules, never pool
/// shares) in the same calendar month of the charge date, the same currency and the metric of the query, in cents;
/// teams with zero or negative direct cost get nothing. When no listed team has positive direct cost that month the
/// pool is split evenly. Fixed: <see cref="Percentages"/> by team, summing to exactly 100.</para>
/// </remarks>
public sealed record SharedPoolRule(
    string Id,
    string? Description,
    PoolFilter Filter,
    SplitMethod Method,
    IReadOnlyList<string> Teams,
    IReadOnlyDictionary<string, decimal> Percentages,
    EffectivePeriod Effective);
