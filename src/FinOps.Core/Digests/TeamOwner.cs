namespace FinOps.Core.Digests;

/// <summary>A team owner.</summary>
/// <param name="UserId">Chat user id (Slack user id; the playground uses the same id).</param>
/// <param name="Email">E-mail address, matched case-insensitively.</param>
/// <param name="AadObjectId">Microsoft Entra object id (Teams users), or null.</param>
public sealed record TeamOwner(string UserId, string Email, string? AadObjectId);
