namespace FinOps.Slack.AppHome;

/// <summary>The selection every <see cref="ISlackHomeViewers"/> makes, so stores agree on it.</summary>
public static class SlackHomeViewers
{
    /// <summary>Viewers who opened the tab at or after <paramref name="since"/>, most recent first (then by key), at most <paramref name="max"/>.</summary>
    public static IReadOnlyList<SlackHomeViewer> Recent(IEnumerable<SlackHomeViewer> viewers, DateTimeOffset since, int max) =>
        [.. viewers.Where(v => v.OpenedAt >= since).OrderByDescending(v => v.OpenedAt).ThenBy(v => v.Key, StringComparer.Ordinal).Take(Math.Max(0, max))];
}
