namespace FinOps.Core.Digests;

/// <summary>The teams, their owners and their channels.</summary>
public interface ITeamDirectory
{
    Task<IReadOnlyList<DigestTeam>> GetTeamsAsync(CancellationToken cancellationToken);
}
