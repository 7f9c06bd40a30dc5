namespace FinOps.Benchmarks;

/// <summary>One ingest run of one side, as a child process prints it.</summary>
public sealed record IngestResult(string Side, double Seconds, long Rows, long Facts, double PeakRssMegabytes);
