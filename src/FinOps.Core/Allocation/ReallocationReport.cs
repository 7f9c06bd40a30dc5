using FinOps.Core.Query;

namespace FinOps.Core.Allocation;

/// <summary>What moved when history was re-allocated with new rules.</summary>
/// <remarks>
/// <see cref="AffectedPeriod"/> spans the first to the last calendar month in which any team's cost changed (null when
/// nothing moved). <see cref="Moves"/> lists every team with cost in that period, before and after; per currency the
/// befores and the afters have the same sum, because allocation only moves cost between teams.
/// </remarks>
public sealed record ReallocationReport(
    string BeforeRules,
    string AfterRules,
    CostMetric Metric,
    DateRange? AffectedPeriod,
    IReadOnlyList<TeamMove> Moves)
{
    public bool HasChanges => AffectedPeriod is not null;
}
