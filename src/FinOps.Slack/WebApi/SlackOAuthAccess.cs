namespace FinOps.Slack.WebApi;

/// <summary>The answer of oauth.v2.access for a bot install.</summary>
/// <remarks><see cref="ToString"/> leaves <see cref="AccessToken"/> out.</remarks>
public sealed record SlackOAuthAccess(
    string AccessToken,
    string BotUserId,
    string AppId,
    string TeamId,
    string? TeamName,
    string? EnterpriseId,
    string Scope,
    string? AuthedUserId)
{
    /// <summary>Leaves the token out, so the record can be logged.</summary>
    public override string ToString() => $"SlackOAuthAccess {{ TeamId = {TeamId}, TeamName = {TeamName}, BotUserId = {BotUserId}, AppId = {AppId}, Scope = {Scope} }}";
}
