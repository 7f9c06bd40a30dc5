namespace FinOps.Core.Digests;

/// <summary>A team owner.</summary>
/// <param name="UserId">Slack user id when known (the playground uses the same id), else null.</param>
/// <param name="Email">E-mail address, matched case-insensitively, or null.</param>
/// <param name="AadObjectId">Microsoft Entra object id (Teams users), or null.</param>
public sealed record TeamOwner(string? UserId, string? Email, string? AadObjectId);
