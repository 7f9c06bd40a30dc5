namespace FinOps.Core.Allocation;

/// <summary>Rule kind 1: the tag keys that name a team, in order of preference.</summary>
/// <remarks>
/// Keys are matched trimmed and case-insensitively, so <c>team</c> also matches <c>Team</c> and <c> team</c>;
/// list other spellings (<c>owner-team</c>) as further keys. The first key with a non-blank value wins. The value
/// is trimmed and lower-cased, then mapped through team keys, display names and aliases; an unknown value is a
/// team of its own (the normalised value), as without any configuration.
/// </remarks>
public sealed record TagRule(string Id, IReadOnlyList<string> Keys, EffectivePeriod Effective);
