using System.Collections.Concurrent;

namespace FinOps.Slack.Installation;

/// <summary>Installations kept in memory: for tests and for runs without a database (lost on restart).</summary>
public sealed class InMemorySlackInstallationStore : ISlackInstallationStore
{
    private readonly ConcurrentDictionary<string, SlackInstallation> _installations = new(StringComparer.Ordinal);

    public Task<SlackInstallation?> FindAsync(string teamId, CancellationToken cancellationToken) =>
        Task.FromResult(_installations.TryGetValue(teamId, out var installation) ? installation : null);

    public Task SaveAsync(SlackInstallation installation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(installation);
        _installations[installation.TeamId] = installation;
        return Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(string teamId, CancellationToken cancellationToken) =>
        Task.FromResult(_installations.TryRemove(teamId, out _));
}
