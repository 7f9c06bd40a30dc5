namespace FinOps.Slack.AppHome;

/// <summary>Who opened the App Home tab, so their tab can be re-published when the data changes (after an import).</summary>
public interface ISlackHomeViewers
{
    /// <summary>Records (or moves forward) the user's last visit.</summary>
    Task RecordAsync(SlackHomeViewer viewer, CancellationToken cancellationToken);

    /// <summary>The viewers who opened the tab at or after <paramref name="since"/>, most recent first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<SlackHomeViewer>> ListRecentAsync(DateTimeOffset since, int max, CancellationToken cancellationToken);
}
