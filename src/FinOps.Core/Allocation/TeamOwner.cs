namespace FinOps.Core.Allocation;

/// <summary>A person listed in the rules file (an owner, member, approver or role holder), with the identities each chat platform knows them by (any may be missing).</summary>
public sealed record TeamOwner(string? Name, string? Email, string? SlackUserId, Guid? EntraObjectId);
