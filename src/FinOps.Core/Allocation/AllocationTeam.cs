namespace FinOps.Core.Allocation;

/// <summary>A team costs are allocated to.</summary>
/// <remarks>
/// <see cref="Key"/> is the canonical team value (lower case) shown in every breakdown. Tag values equal to the key,
/// the display name or one of <see cref="Aliases"/> (trimmed, case-insensitive) name this team.
/// <see cref="Owners"/>, <see cref="Members"/> and <see cref="Approvers"/> are the team's people (the directory, see
/// <c>FinOps.Core.People.CompanyDirectory</c>); <see cref="Channels"/> is where its messages go.
/// </remarks>
public sealed record AllocationTeam(
    string Key,
    string DisplayName,
    IReadOnlyList<TeamOwner> Owners,
    IReadOnlyList<TeamChannel> Channels,
    IReadOnlyList<string> Aliases)
{
    /// <summary>People who belong to the team without owning it.</summary>
    public IReadOnlyList<TeamOwner> Members { get; init; } = [];

    /// <summary>People who may approve the team's budget changes.</summary>
    public IReadOnlyList<TeamOwner> Approvers { get; init; } = [];

    /// <summary>IANA time zone id (<c>timeZone</c> in allocation.yaml) the team's scheduled digests follow; null means the <c>Digests:TimeZone</c> setting.</summary>
    public string? TimeZone { get; init; }
}
