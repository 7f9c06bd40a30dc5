namespace FinOps.Core.Allocation;

/// <summary>A team's cost in one currency: its direct cost and, separately, its share of each shared pool.</summary>
/// <remarks><see cref="Total"/> is <see cref="Direct"/> plus every <see cref="Shared"/> amount, exactly as the team's row in a team breakdown.</remarks>
public sealed record TeamShowback(string Team, string Currency, decimal Direct, IReadOnlyList<PoolShare> Shared, decimal Total);
