using System.Globalization;
using FinOps.Benchmarks;

// Verbs run one side each in their own process, so each side's peak RSS is its own.
if (args.Length >= 2 && args[0] == "duckdb-ingest")
{
    var (seconds, facts) = DuckDbSide.Ingest(args[1], args.Length > 2 ? args[2] : Path.ChangeExtension(args[1], ".duckdb"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"duckdb ingest: {seconds:F2} s, {facts} daily facts, peak RSS {PeakMemory.ReadPeakRssMegabytes():F0} MB"));
    return 0;
}

Console.Error.WriteLine("usage: FinOps.Benchmarks duckdb-ingest <focus.csv> [duckdb file]");
return 2;
