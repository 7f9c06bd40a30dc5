namespace FinOps.Slack.Installation;

/// <summary>The app installed in one workspace: the bot token to act there with and the bot's own user id.</summary>
/// <remarks><see cref="ToString"/> leaves the token out so an installation can be logged safely.</remarks>
public sealed record SlackInstallation(
    string TeamId,
    string? TeamName,
    string? EnterpriseId,
    string BotUserId,
    string BotToken,
    string? AppId,
    string? Scopes,
    DateTimeOffset InstalledAt)
{
    public override string ToString() => $"SlackInstallation {{ TeamId = {TeamId}, TeamName = {TeamName}, BotUserId = {BotUserId}, AppId = {AppId} }}";
}
