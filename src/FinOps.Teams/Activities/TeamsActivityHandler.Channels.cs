using FinOps.Teams.Connector;
using FinOps.Teams.Conversations;
using Microsoft.Extensions.Logging;

namespace FinOps.Teams.Activities;

public sealed partial class TeamsActivityHandler
{
    /// <summary>Teams' <c>channelData.eventType</c> values of conversation updates in a team.</summary>
    public static class TeamEvents
    {
        public const string ChannelCreated = "channelCreated";
        public const string ChannelRenamed = "channelRenamed";
        public const string ChannelRestored = "channelRestored";
        public const string ChannelDeleted = "channelDeleted";
        public const string TeamRenamed = "teamRenamed";
        public const string TeamDeleted = "teamDeleted";
        public const string TeamHardDeleted = "teamHardDeleted";
    }

    private enum TeamChange
    {
        FromEvent,
        BotAdded,
        BotRemoved,
    }

    /// <summary>
    /// Keeps the team's channels (ids and names) in <see cref="ITeamsChannelStore"/>: every channel when the bot is added
    /// to a team (the one it was added in, General, and the connector's channel list), then each created, renamed,
    /// restored or deleted channel and the team's renames; all of them are forgotten when the team is deleted or the bot
    /// removed from it. Activities outside a team (personal and group chats) carry no <c>channelData.team</c> and are ignored.
    /// </summary>
    private async Task TrackTeamAsync(Activity activity, TeamChange change, CancellationToken cancellationToken)
    {
        var data = activity.ChannelData;
        if (data?["team"]?["id"]?.GetValue<string>() is not { Length: > 0 } teamId || activity.ServiceUrl is not { } serviceUrl)
        {
            return;
        }

        var teamName = data["team"]?["name"]?.GetValue<string>();
        var channelId = data["channel"]?["id"]?.GetValue<string>();
        var channelName = data["channel"]?["name"]?.GetValue<string>();
        var eventType = data["eventType"]?.GetValue<string>();
        if (change == TeamChange.BotRemoved || eventType is TeamEvents.TeamDeleted or TeamEvents.TeamHardDeleted)
        {
            await channels.RemoveTeamAsync(teamId, cancellationToken);
            LogTeamForgotten(logger, teamId);
            return;
        }

        teamName ??= (await channels.ListAsync(cancellationToken)).FirstOrDefault(c => c.TeamId == teamId && c.TeamName is not null)?.TeamName;
        TeamsChannelRecord Record(string id, string? name) => new(
            teamId, teamName, id, name ?? (id == teamId ? TeamsChannelRecord.GeneralChannelName : null), TenantOf(activity), serviceUrl,
            activity.Recipient?.Id, timeProvider.GetUtcNow());

        switch (change, eventType)
        {
            case (TeamChange.BotAdded, _):
                await StoreTeamChannelsAsync(activity, teamId, Record, cancellationToken);
                break;
            case (_, TeamEvents.ChannelCreated or TeamEvents.ChannelRenamed or TeamEvents.ChannelRestored) when channelId is not null:
                await channels.StoreAsync(Record(channelId, channelName), cancellationToken);
                LogChannelStored(logger, eventType, channelName);
                break;
            case (_, TeamEvents.ChannelDeleted) when channelId is not null:
                await channels.RemoveChannelAsync(teamId, channelId, cancellationToken);
                LogChannelStored(logger, eventType, channelName);
                break;
            case (_, TeamEvents.TeamRenamed) when teamName is not null:
                await channels.RenameTeamAsync(teamId, teamName, cancellationToken);
                LogChannelStored(logger, eventType, teamName);
                break;
        }
    }

    private async Task StoreTeamChannelsAsync(
        Activity activity, string teamId, Func<string, string?, TeamsChannelRecord> record, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, TeamsChannelRecord>(StringComparer.Ordinal) { [teamId] = record(teamId, null) };

        // The conversation is the channel the app was added in (conversation.name is its name; a reply thread's id ends in ";messageid=").
        if (activity.Conversation?.Id is { } conversationId)
        {
            var channelId = conversationId.Split(';', 2)[0];
            found[channelId] = record(channelId, channelId == teamId ? null : activity.Conversation.Name);
        }

        try
        {
            // The connector lists every channel; without it a channel created before the install would be unknown by name.
            var list = await connector.GetTeamChannelsAsync(activity.ServiceUrl!, teamId, TenantOf(activity), cancellationToken);
            foreach (var channel in list.Conversations ?? [])
            {
                if (channel.Id is { Length: > 0 } id)
                {
                    found[id] = record(id, channel.Name);
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogChannelListFailed(logger, ex, teamId);
        }

        foreach (var channel in found.Values)
        {
            await channels.StoreAsync(channel, cancellationToken);
        }

        LogTeamStored(logger, teamId, found.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams team {TeamId}: {Count} channels stored on install")]
    private static partial void LogTeamStored(ILogger logger, string teamId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams team {TeamId} forgotten (team deleted or the bot removed)")]
    private static partial void LogTeamForgotten(ILogger logger, string teamId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams {EventType}: {Name}")]
    private static partial void LogChannelStored(ILogger logger, string? eventType, string? name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The channel list of Teams team {TeamId} could not be read; channels are known by name once created or renamed, or when the bot is added again")]
    private static partial void LogChannelListFailed(ILogger logger, Exception exception, string teamId);
}
