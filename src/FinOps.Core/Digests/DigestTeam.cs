namespace FinOps.Core.Digests;

/// <summary>A team as the digest needs it: who owns it and where its messages go.</summary>
/// <param name="Key">Team key as used in cost allocation (the <c>team</c> dimension value).</param>
/// <param name="DisplayName">Name shown on cards.</param>
/// <param name="OwnerIds">Chat user ids of the owners (Slack user ids, Entra object ids, playground ids).</param>
/// <param name="OwnerEmails">Owner e-mail addresses (matched case-insensitively).</param>
/// <param name="SlackChannelId">Slack channel id for team messages, or null.</param>
/// <param name="TeamsChannelName">Microsoft Teams channel name for team messages, or null.</param>
public sealed record DigestTeam(
    string Key,
    string DisplayName,
    IReadOnlyList<string> OwnerIds,
    IReadOnlyList<string> OwnerEmails,
    string? SlackChannelId,
    string? TeamsChannelName);
