namespace FinOps.Core.Digests;

/// <summary>Where a team's channel messages go on each platform; null where the team has none.</summary>
/// <param name="SlackChannelId">Slack channel id, e.g. <c>C05PAYMENTS</c>.</param>
/// <param name="TeamsChannelName">Microsoft Teams channel name.</param>
public sealed record TeamChannels(string? SlackChannelId, string? TeamsChannelName);
