namespace FinOps.Benchmarks;

/// <summary>What the digests child prints: the cold start, each run's build and build + card seconds, and the cross-check.</summary>
public sealed record DigestRunResult(
    int Teams,
    int Digests,
    int NonEmpty,
    int Blocks,
    double ColdSeconds,
    IReadOnlyList<double> BuildSeconds,
    IReadOnlyList<double> ComposeSeconds,
    double AllocatedMegabytesPerRun,
    int SampledTeams,
    double PerTeamMilliseconds,
    int Mismatches,
    double PeakRssMegabytes);
