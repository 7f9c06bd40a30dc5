namespace FinOps.Slack.AppHome;

/// <summary>Gathers what the App Home tab and the welcome message show a Slack user.</summary>
public interface ISlackHomeSource
{
    Task<SlackHomeSummary> GetAsync(string teamId, string userId, CancellationToken cancellationToken);
}
