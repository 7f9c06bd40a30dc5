namespace FinOps.Core.People;

/// <summary>A team as proactive features need it: its people and where its messages go.</summary>
/// <param name="Key">Team key as used in cost allocation (the <c>team</c> dimension value).</param>
/// <param name="DisplayName">Name shown on cards.</param>
/// <param name="Owners">Receive the team's digests and alerts personally.</param>
/// <param name="Members">Belong to the team (see its costs when visibility is limited to own teams).</param>
/// <param name="Approvers">May approve the team's budget changes.</param>
/// <param name="SlackChannels">Slack channel ids the team's messages go to.</param>
/// <param name="TeamsChannels">Teams channel ids (<c>19:...@thread.tacv2</c>) the team's messages go to.</param>
public sealed record DirectoryTeam(
    string Key,
    string DisplayName,
    IReadOnlyList<Person> Owners,
    IReadOnlyList<Person> Members,
    IReadOnlyList<Person> Approvers,
    IReadOnlyList<string> SlackChannels,
    IReadOnlyList<string> TeamsChannels)
{
    /// <summary>Owners, members and approvers: everyone who belongs to the team.</summary>
    public IEnumerable<Person> Everyone => Owners.Concat(Members).Concat(Approvers);

    /// <summary>IANA time zone id of the team's scheduled digests; null means the <c>Digests:TimeZone</c> setting.</summary>
    public string? TimeZone { get; init; }
}
