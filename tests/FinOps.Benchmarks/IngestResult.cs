namespace FinOps.Benchmarks;

/// <summary>One ingest run of one side, as a child process prints it.</summary>
/// <remarks><see cref="CpuSeconds"/> is user + system time of the whole process (DuckDB uses every core; we import on one thread): less sensitive to other load than <see cref="Seconds"/>.</remarks>
public sealed record IngestResult(string Side, double Seconds, double CpuSeconds, long Rows, long Facts, double PeakRssMegabytes);
