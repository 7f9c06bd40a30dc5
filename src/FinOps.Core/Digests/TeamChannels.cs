namespace FinOps.Core.Digests;

/// <summary>Where a team's channel messages go on each platform; null where the team has none.</summary>
/// <param name="SlackChannelId">The first Slack channel id, e.g. <c>C05PAYMENTS</c>.</param>
/// <param name="TeamsChannelName">The first Microsoft Teams channel (its id, <c>19:...@thread.tacv2</c>).</param>
public sealed record TeamChannels(string? SlackChannelId, string? TeamsChannelName)
{
    /// <summary>Every Slack channel id of the team (by default the first one only).</summary>
    public IReadOnlyList<string> SlackChannelIds { get; init; } = SlackChannelId is null ? [] : [SlackChannelId];

    /// <summary>Every Teams channel id of the team (by default the first one only).</summary>
    public IReadOnlyList<string> TeamsChannelIds { get; init; } = TeamsChannelName is null ? [] : [TeamsChannelName];
}
