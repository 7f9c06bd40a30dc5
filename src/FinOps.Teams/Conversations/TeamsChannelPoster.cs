using FinOps.Conversation.Cards;
using FinOps.Conversation.Messaging;
using Microsoft.Extensions.Logging;

namespace FinOps.Teams.Conversations;

/// <summary>
/// Posts a card as a new conversation in a team channel named by its id (<c>19:...@thread.tacv2</c>) or by its display
/// name (<c>Cost - Payments</c>), as the rules file lists it. Names are resolved against the channels stored from
/// Teams' install and conversation updates (<see cref="ITeamsChannelStore"/>); a name that is unknown, or that several
/// teams use, is refused with a message naming it, never posted somewhere else.
/// </summary>
/// <remarks>A name may be qualified with its team as <c>Team name/Channel name</c> when two teams have a channel of that name.</remarks>
public sealed partial class TeamsChannelPoster(ITeamsChannelStore channels, TeamsProactiveSender sender, ILogger<TeamsChannelPoster> logger)
{
    /// <summary>The stored channel for an id or a (case-insensitive) name, or why there is none.</summary>
    public async Task<TeamsChannelResolution> ResolveAsync(string idOrName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrName);
        var requested = idOrName.Trim();
        var all = await channels.ListAsync(cancellationToken);
        var byId = all.Where(c => string.Equals(c.ChannelId, requested, StringComparison.Ordinal)).ToList();
        if (byId.Count > 0)
        {
            return new TeamsChannelResolution(requested, byId[0], null);
        }

        var matches = all.Where(c => NameMatches(c, requested)).ToList();
        return matches.Count switch
        {
            1 => new TeamsChannelResolution(requested, matches[0], null),
            0 => new TeamsChannelResolution(
                requested,
                null,
                $"Teams channel '{requested}' is unknown: no team the bot is installed in has a channel with that id or name (add the app to the channel's team, or check the name in the rules file)."),
            _ => new TeamsChannelResolution(
                requested,
                null,
                $"Teams channel name '{requested}' is ambiguous: teams {string.Join(", ", matches.Select(m => "'" + (m.TeamName ?? m.TeamId) + "'").Distinct(StringComparer.Ordinal))} each have one; write it as 'Team name/{requested}' or use the channel id."),
        };
    }

    /// <summary>Posts <paramref name="card"/> as a new conversation in the channel; throws <see cref="TeamsChannelNotFoundException"/> for an unknown or ambiguous one.</summary>
    public async Task<SentMessage> PostAsync(string idOrName, Card card, string idempotencyKey, CancellationToken cancellationToken)
    {
        var resolution = await ResolveAsync(idOrName, cancellationToken);
        if (resolution.Channel is not { } channel)
        {
            LogUnknownChannel(logger, resolution.Requested, resolution.Problem);
            throw new TeamsChannelNotFoundException(resolution);
        }

        return await PostAsync(channel, card, idempotencyKey, cancellationToken);
    }

    /// <summary>Posts <paramref name="card"/> as a new conversation in a stored channel.</summary>
    public Task<SentMessage> PostAsync(TeamsChannelRecord channel, Card card, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return sender.PostToChannelAsync(channel.ToReference(), channel.ChannelId, card, idempotencyKey, cancellationToken);
    }

    private static bool NameMatches(TeamsChannelRecord channel, string requested)
    {
        if (channel.ChannelName is not { } name)
        {
            return false;
        }

        if (string.Equals(name.Trim(), requested, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // "Team name/Channel name": the team's name is part of the request.
        return channel.TeamName is { } team
            && requested.Length == team.Trim().Length + 1 + name.Trim().Length
            && requested.StartsWith(team.Trim() + "/", StringComparison.OrdinalIgnoreCase)
            && requested.EndsWith(name.Trim(), StringComparison.OrdinalIgnoreCase);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams channel '{Requested}' not posted to: {Problem}")]
    private static partial void LogUnknownChannel(ILogger logger, string requested, string? problem);
}
