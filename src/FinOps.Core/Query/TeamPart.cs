namespace FinOps.Core.Query;

/// <summary>One team's share of a split fact: an index into <see cref="TeamAllocation.Teams"/> and a positive weight.</summary>
/// <remarks>Weights are relative: a fact split 3:1 gives 75% and 25%. They are integers so splits are exact.</remarks>
public readonly record struct TeamPart(int Team, long Weight);
