namespace FinOps.Core.Allocation;

/// <summary>A person who owns a team, with the identities each chat platform knows them by (any may be missing).</summary>
public sealed record TeamOwner(string? Name, string? Email, string? SlackUserId, Guid? EntraObjectId);
