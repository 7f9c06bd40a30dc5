using System.Text.Json;
using FinOps.Slack.AppHome;
using FinOps.Storage.Channels;

namespace FinOps.Bot.Channels;

/// <summary>App Home viewers in the database, so tabs opened before a restart are still refreshed after the next import.</summary>
public sealed class DbSlackHomeViewers(ChannelRecordStore records) : ISlackHomeViewers
{
    public const string Kind = "slack.home-viewer";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task RecordAsync(SlackHomeViewer viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return records.UpsertAsync(Kind, viewer.Key, JsonSerializer.Serialize(viewer, Json), cancellationToken);
    }

    public async Task<IReadOnlyList<SlackHomeViewer>> ListRecentAsync(DateTimeOffset since, int max, CancellationToken cancellationToken) =>
        SlackHomeViewers.Recent((await records.ListAsync(Kind, cancellationToken)).Select(j => JsonSerializer.Deserialize<SlackHomeViewer>(j, Json)!), since, max);
}
