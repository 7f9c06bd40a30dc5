namespace FinOps.Slack.AppHome;

/// <summary>A user whose App Home tab the bot published, and when they last opened it.</summary>
public sealed record SlackHomeViewer(string TeamId, string UserId, DateTimeOffset OpenedAt)
{
    public string Key => TeamId + ":" + UserId;
}
