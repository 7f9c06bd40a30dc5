namespace FinOps.Teams.Conversations;

/// <summary>
/// Finds a team channel among the stored ones by its id (<c>19:...@thread.tacv2</c>) or its display name
/// (case-insensitive, e.g. <c>Cost - Payments</c> from the rules file), or says why there is none.
/// </summary>
/// <remarks>A name several teams use is ambiguous; it may be qualified with its team as <c>Team name/Channel name</c>.</remarks>
public static class TeamsChannelResolver
{
    public static TeamsChannelResolution Resolve(IReadOnlyList<TeamsChannelRecord> channels, string idOrName)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrName);
        var requested = idOrName.Trim();
        if (channels.FirstOrDefault(c => string.Equals(c.ChannelId, requested, StringComparison.Ordinal)) is { } byId)
        {
            return new TeamsChannelResolution(requested, byId, null);
        }

        var matches = channels.Where(c => NameMatches(c, requested)).ToList();
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

    private static bool NameMatches(TeamsChannelRecord channel, string requested)
    {
        if (channel.ChannelName?.Trim() is not { Length: > 0 } name)
        {
            return false;
        }

        if (string.Equals(name, requested, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return channel.TeamName?.Trim() is { Length: > 0 } team
            && string.Equals(requested, team + "/" + name, StringComparison.OrdinalIgnoreCase);
    }
}
