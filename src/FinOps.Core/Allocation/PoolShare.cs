namespace FinOps.Core.Allocation;

/// <summary>A team's share of one shared-cost pool in a showback.</summary>
public sealed record PoolShare(string PoolId, SplitMethod Method, decimal Amount);
