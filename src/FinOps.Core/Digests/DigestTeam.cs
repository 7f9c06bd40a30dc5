namespace FinOps.Core.Digests;

/// <summary>A team as digests need it: who owns it and where its messages go.</summary>
/// <param name="Key">Team key as used in cost allocation (the <c>team</c> dimension value).</param>
/// <param name="DisplayName">Name shown on cards.</param>
/// <param name="Owners">People who receive the team's digest personally.</param>
/// <param name="Channels">Team channels on each chat platform.</param>
public sealed record DigestTeam(string Key, string DisplayName, IReadOnlyList<TeamOwner> Owners, TeamChannels Channels)
{
    /// <summary>IANA time zone id the team's scheduled digest follows; null means the <c>Digests:TimeZone</c> setting.</summary>
    public string? TimeZone { get; init; }

    /// <summary>True when the chat user with this (Slack or playground) id, e-mail or Entra object id owns the team.</summary>
    public bool IsOwnedBy(string? userId, string? email, string? aadObjectId) =>
        Owners.Any(o =>
            (!string.IsNullOrEmpty(userId) && o.UserId is not null && string.Equals(o.UserId, userId, StringComparison.Ordinal))
            || (!string.IsNullOrEmpty(email) && o.Email is not null && string.Equals(o.Email, email.Trim(), StringComparison.OrdinalIgnoreCase))
            || (!string.IsNullOrEmpty(aadObjectId) && o.AadObjectId is not null && string.Equals(o.AadObjectId, aadObjectId, StringComparison.OrdinalIgnoreCase)));
}
