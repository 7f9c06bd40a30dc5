namespace FinOps.Slack.WebApi;

/// <summary>The answer of oauth.v2.access for a bot install.</summary>
public sealed record SlackOAuthAccess(
    string AccessToken,
    string BotUserId,
    string AppId,
    string TeamId,
    string? TeamName,
    string? EnterpriseId,
    string Scope,
    string? AuthedUserId);
