using System.Text.Json;
using FinOps.Storage.Channels;
using FinOps.Teams.Conversations;

namespace FinOps.Bot.Channels;

/// <summary>Teams channels (ids and names) in the database, so a channel named in the rules file is still found after a restart.</summary>
public sealed class DbTeamsChannelStore(ChannelRecordStore records) : ITeamsChannelStore
{
    public const string Kind = "teams.channel";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task StoreAsync(TeamsChannelRecord channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return records.UpsertAsync(Kind, channel.Key, JsonSerializer.Serialize(channel, Json), cancellationToken);
    }

    public async Task RenameTeamAsync(string teamId, string teamName, CancellationToken cancellationToken)
    {
        foreach (var channel in (await ListAsync(cancellationToken)).Where(c => c.TeamId == teamId))
        {
            await StoreAsync(channel with { TeamName = teamName }, cancellationToken);
        }
    }

    public Task RemoveChannelAsync(string teamId, string channelId, CancellationToken cancellationToken) =>
        records.DeleteAsync(Kind, teamId + "|" + channelId, cancellationToken);

    public async Task RemoveTeamAsync(string teamId, CancellationToken cancellationToken)
    {
        foreach (var channel in (await ListAsync(cancellationToken)).Where(c => c.TeamId == teamId))
        {
            await records.DeleteAsync(Kind, channel.Key, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<TeamsChannelRecord>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await records.ListAsync(Kind, cancellationToken)).Select(j => JsonSerializer.Deserialize<TeamsChannelRecord>(j, Json)!)];
}
