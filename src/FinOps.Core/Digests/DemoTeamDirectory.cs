using FinOps.Core.Demo;

namespace FinOps.Core.Digests;

/// <summary>The demo organisation's teams until allocation rules carry real owners and channels.</summary>
public sealed class DemoTeamDirectory : ITeamDirectory
{
    private readonly IReadOnlyList<DigestTeam> _teams;

    public DemoTeamDirectory()
        : this(DemoOrganization.Default)
    {
    }

    public DemoTeamDirectory(DemoOrganization organization)
    {
        ArgumentNullException.ThrowIfNull(organization);
        _teams = organization.Teams
            .Select(t => new DigestTeam(
                t.Key,
                t.DisplayName,
                t.Owners.Select(o => new TeamOwner(o.SlackUserId, o.Email, o.EntraObjectId.ToString())).ToArray(),
                new TeamChannels(t.SlackChannelId, t.TeamsChannelName)))
            .ToArray();
    }

    public Task<IReadOnlyList<DigestTeam>> GetTeamsAsync(CancellationToken cancellationToken) => Task.FromResult(_teams);
}
