namespace FinOps.Benchmarks;

/// <summary>What a query child process prints: the cold start (load or open) and each shape's timings.</summary>
public sealed record QueryRunResult(string Side, double ColdSeconds, int Iterations, double PeakRssMegabytes, IReadOnlyList<ShapeTiming> Shapes);
