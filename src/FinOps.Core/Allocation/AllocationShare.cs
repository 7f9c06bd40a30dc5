namespace FinOps.Core.Allocation;

/// <summary>One team's part of a shared-cost split: its percentage of the pool and the amount it receives.</summary>
public sealed record AllocationShare(string Team, decimal Percent, decimal Amount);
