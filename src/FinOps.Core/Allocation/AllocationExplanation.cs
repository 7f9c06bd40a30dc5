using FinOps.Core.Query;

namespace FinOps.Core.Allocation;

/// <summary>Why cost rows are charged where they are ("why is this charged to me?").</summary>
/// <remarks>
/// One explanation covers the facts of one resource that the same rule placed the same way. <see cref="Team"/> is the
/// owning team for tag, hierarchy and unallocated rows; for a shared pool it is null and <see cref="Shares"/> lists
/// each team's percentage and amount, computed with the pool's <see cref="Method"/>.
/// </remarks>
public sealed record AllocationExplanation
{
    public required string Resource { get; init; }

    public required string Service { get; init; }

    public required string Account { get; init; }

    public required DateOnly FirstDate { get; init; }

    public required DateOnly LastDate { get; init; }

    public required string Currency { get; init; }

    public required CostMetric Metric { get; init; }

    public required decimal Amount { get; init; }

    public required int Facts { get; init; }

    public required AllocationRuleKind Kind { get; init; }

    /// <summary>The id of the rule (tag rule, hierarchy rule or pool), or <c>Unallocated</c>.</summary>
    public required string RuleId { get; init; }

    /// <summary>What matched, in words: the tag key and value, the hierarchy fields, or the pool and its split.</summary>
    public required string Reason { get; init; }

    public string? Team { get; init; }

    public SplitMethod? Method { get; init; }

    public IReadOnlyList<AllocationShare> Shares { get; init; } = [];

    /// <summary>The rules file (and its revision) the explanation comes from.</summary>
    public required string RulesSource { get; init; }
}
