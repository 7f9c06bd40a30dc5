using System.Collections.Concurrent;

namespace FinOps.Teams.Conversations;

/// <summary>Process-local channel store: for development and tests; the host registers a durable one in production.</summary>
public sealed class InMemoryTeamsChannelStore : ITeamsChannelStore
{
    private readonly ConcurrentDictionary<string, TeamsChannelRecord> _channels = new(StringComparer.Ordinal);

    public Task StoreAsync(TeamsChannelRecord channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        _channels[channel.Key] = channel;
        return Task.CompletedTask;
    }

    public Task RenameTeamAsync(string teamId, string teamName, CancellationToken cancellationToken)
    {
        foreach (var channel in _channels.Values.Where(c => c.TeamId == teamId))
        {
            _channels[channel.Key] = channel with { TeamName = teamName };
        }

        return Task.CompletedTask;
    }

    public Task RemoveChannelAsync(string teamId, string channelId, CancellationToken cancellationToken)
    {
        _channels.TryRemove(teamId + "|" + channelId, out _);
        return Task.CompletedTask;
    }

    public Task RemoveTeamAsync(string teamId, CancellationToken cancellationToken)
    {
        foreach (var key in _channels.Values.Where(c => c.TeamId == teamId).Select(c => c.Key).ToList())
        {
            _channels.TryRemove(key, out _);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TeamsChannelRecord>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TeamsChannelRecord>>([.. _channels.Values.OrderBy(c => c.Key, StringComparer.Ordinal)]);
}
