namespace FinOps.Core.Allocation;

/// <summary>A resource or service and its unallocated cost ("what to tag next").</summary>
public sealed record CoverageItem(string Name, decimal Amount);
