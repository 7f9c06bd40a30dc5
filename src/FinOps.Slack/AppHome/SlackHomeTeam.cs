namespace FinOps.Slack.AppHome;

/// <summary>One of the person's teams as the Home tab shows it.</summary>
/// <param name="Key">The team key (cost allocation's <c>team</c> value).</param>
/// <param name="DisplayName">The name shown.</param>
/// <param name="Currency">The currency of the figures; null when there is no spend this month.</param>
/// <param name="MonthToDate">Spend from the 1st of the month through the last complete day; null when unknown.</param>
/// <param name="Forecast">The month-end forecast; null when none could be made.</param>
/// <param name="SlackChannels">Slack channel ids the team's messages go to (from the allocation rules).</param>
/// <param name="Budget">The team's budget this period as one line (limit, state, actual, forecast); null when it has none.</param>
public sealed record SlackHomeTeam(
    string Key,
    string DisplayName,
    string? Currency,
    decimal? MonthToDate,
    decimal? Forecast,
    IReadOnlyList<string> SlackChannels,
    string? Budget = null);
