namespace FinOps.Benchmarks;

/// <summary>Latency of one shape on one side (milliseconds) and the totals per currency it answered, for the cross-check.</summary>
public sealed record ShapeTiming(string Name, double P50, double P95, double Max, IReadOnlyDictionary<string, decimal> Totals, IReadOnlyDictionary<string, decimal> CompareTotals);
