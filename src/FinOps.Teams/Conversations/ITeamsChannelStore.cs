namespace FinOps.Teams.Conversations;

/// <summary>The teams and channels the bot is installed in, kept from Teams' install and conversation updates.</summary>
public interface ITeamsChannelStore
{
    /// <summary>Stores or replaces one channel's record (created, renamed, restored, or seen on install).</summary>
    Task StoreAsync(TeamsChannelRecord channel, CancellationToken cancellationToken);

    /// <summary>Gives every channel of the team the team's new name.</summary>
    Task RenameTeamAsync(string teamId, string teamName, CancellationToken cancellationToken);

    /// <summary>Forgets one channel (deleted).</summary>
    Task RemoveChannelAsync(string teamId, string channelId, CancellationToken cancellationToken);

    /// <summary>Forgets every channel of a team (team deleted, or the bot removed from it).</summary>
    Task RemoveTeamAsync(string teamId, CancellationToken cancellationToken);

    /// <summary>Every stored channel.</summary>
    Task<IReadOnlyList<TeamsChannelRecord>> ListAsync(CancellationToken cancellationToken);
}
