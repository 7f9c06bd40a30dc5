using FinOps.Core.People;

namespace FinOps.Core.Digests;

/// <summary>The teams of the company directory (<c>allocation.yaml</c>) as digests need them; follows rule reloads.</summary>
public sealed class RulesTeamDirectory(DirectorySource directory) : ITeamDirectory
{
    public Task<IReadOnlyList<DigestTeam>> GetTeamsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DigestTeam>>([.. directory.Current.Teams.Select(ToDigestTeam)]);

    /// <summary>The digest view of a directory team: its owners and its channels on each platform.</summary>
    public static DigestTeam ToDigestTeam(DirectoryTeam team)
    {
        ArgumentNullException.ThrowIfNull(team);
        return new DigestTeam(
            team.Key,
            team.DisplayName,
            [.. team.Owners.Select(o => new TeamOwner(o.SlackUserId, o.Email, o.EntraObjectId?.ToString()))],
            new TeamChannels(team.SlackChannels.Count > 0 ? team.SlackChannels[0] : null, team.TeamsChannels.Count > 0 ? team.TeamsChannels[0] : null)
            {
                SlackChannelIds = team.SlackChannels,
                TeamsChannelIds = team.TeamsChannels,
            })
        {
            TimeZone = team.TimeZone,
        };
    }
}
