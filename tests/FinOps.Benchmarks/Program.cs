using FinOps.Benchmarks;

// The driver verbs (generate, ingest, query, ask) spawn one child process per side and run, so each side's peak RSS is its own.
return await BenchmarkCommands.RunAsync(args, CancellationToken.None);
