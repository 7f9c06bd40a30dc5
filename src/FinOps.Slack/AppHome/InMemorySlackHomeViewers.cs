using System.Collections.Concurrent;

namespace FinOps.Slack.AppHome;

/// <summary>Process-local viewers: for development and tests; the host registers a durable store in production.</summary>
public sealed class InMemorySlackHomeViewers : ISlackHomeViewers
{
    private readonly ConcurrentDictionary<string, SlackHomeViewer> _viewers = new(StringComparer.Ordinal);

    public Task RecordAsync(SlackHomeViewer viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        _viewers[viewer.Key] = viewer;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<SlackHomeViewer>> ListRecentAsync(DateTimeOffset since, int max, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SlackHomeViewer>>(SlackHomeViewers.Recent(_viewers.Values, since, max));
}
