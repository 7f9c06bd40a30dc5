namespace FinOps.Slack.Installation;

/// <summary>Where OAuth installations of the app are kept, one per workspace (team).</summary>
public interface ISlackInstallationStore
{
    /// <summary>The installation for <paramref name="teamId"/>, or null when the app is not installed there.</summary>
    Task<SlackInstallation?> FindAsync(string teamId, CancellationToken cancellationToken);

    /// <summary>Adds or replaces the installation of its team (a re-install brings a new token).</summary>
    Task SaveAsync(SlackInstallation installation, CancellationToken cancellationToken);

    /// <summary>Forgets the team's installation (app_uninstalled, tokens_revoked); true when one existed.</summary>
    Task<bool> DeleteAsync(string teamId, CancellationToken cancellationToken);
}
