namespace FinOps.Teams.Conversations;

/// <summary>What a channel named in the rules file (by id or by name) turned out to be.</summary>
/// <param name="Requested">The id or name as written.</param>
/// <param name="Channel">The stored channel, or null when it is unknown or ambiguous.</param>
/// <param name="Problem">Why there is no channel (for the log and the operator), or null.</param>
public sealed record TeamsChannelResolution(string Requested, TeamsChannelRecord? Channel, string? Problem);
