namespace FinOps.Core.Allocation;

/// <summary>A team costs are allocated to.</summary>
/// <remarks>
/// <see cref="Key"/> is the canonical team value (lower case) shown in every breakdown. Tag values equal to the key,
/// the display name or one of <see cref="Aliases"/> (trimmed, case-insensitive) name this team.
/// </remarks>
public sealed record AllocationTeam(
    string Key,
    string DisplayName,
    IReadOnlyList<TeamOwner> Owners,
    IReadOnlyList<TeamChannel> Channels,
    IReadOnlyList<string> Aliases);
