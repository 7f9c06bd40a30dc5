namespace FinOps.Benchmarks;

/// <summary>One ingest run of one side, as a child process prints it.</summary>
/// <remarks><see cref="CpuSeconds"/> is user + system time of the whole process (both sides use every core: DuckDB its own threads, ours a parsing thread, a roll-up thread and a hashing thread): less sensitive to other load than <see cref="Seconds"/>.</remarks>
public sealed record IngestResult(string Side, double Seconds, double CpuSeconds, long Rows, long Facts, double PeakRssMegabytes);
