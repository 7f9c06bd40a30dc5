namespace FinOps.Demo;

/// <summary>A pool of shared cost in the demo data and how the demo organisation intends to split it.</summary>
/// <remarks>
/// The pool is selected by <see cref="Provider"/> and <see cref="SubAccountId"/> and, when
/// <see cref="CommitmentDiscountStatus"/> is set, only rows with that status (unused commitment).
/// <see cref="FixedPercentages"/> is empty unless <see cref="Method"/> is <see cref="DemoSplitMethod.Fixed"/>.
/// </remarks>
public sealed record DemoSharedCostPool(
    string Name,
    string Description,
    string Provider,
    string SubAccountId,
    string? CommitmentDiscountStatus,
    DemoSplitMethod Method,
    IReadOnlyList<string> TeamKeys,
    IReadOnlyDictionary<string, decimal> FixedPercentages);
