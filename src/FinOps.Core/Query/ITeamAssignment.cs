namespace FinOps.Core.Query;

/// <summary>Decides which team (or teams, with shares) each fact of a <see cref="CostCube"/> belongs to.</summary>
/// <remarks>
/// The query engine asks once per cube snapshot and metric; the answer may divide one fact across several
/// teams (shared costs). The engine splits each fact's amount by the weights so that the parts add up to
/// the fact exactly (conservation), whatever the weights.
/// </remarks>
public interface ITeamAssignment
{
    TeamAllocation Assign(CostCube cube, CostMetric metric);
}
