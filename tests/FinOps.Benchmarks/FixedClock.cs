namespace FinOps.Benchmarks;

/// <summary>A clock that always reads one instant: the digest week must be the same on every run.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
