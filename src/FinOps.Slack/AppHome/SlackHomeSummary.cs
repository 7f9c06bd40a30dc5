namespace FinOps.Slack.AppHome;

/// <summary>What the Home tab and the welcome message show one Slack user.</summary>
/// <param name="PersonName">The directory person's name; null when the directory does not know the user.</param>
/// <param name="Known">Whether the company directory lists the user.</param>
/// <param name="Teams">The person's teams with this month's figures.</param>
/// <param name="Examples">Example questions that work on this company's data.</param>
/// <param name="DirectorySource">Where the directory comes from (e.g. the allocation rules file), to tell an unknown user where to be added.</param>
/// <param name="ApprovalsWaiting">Budget increase requests waiting for this person's decision, one line each; null or empty when none.</param>
public sealed record SlackHomeSummary(
    string? PersonName,
    bool Known,
    IReadOnlyList<SlackHomeTeam> Teams,
    IReadOnlyList<string> Examples,
    string DirectorySource,
    IReadOnlyList<string>? ApprovalsWaiting = null);
