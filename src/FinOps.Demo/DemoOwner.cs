namespace FinOps.Demo;

/// <summary>A person who owns a demo team: the identities each chat platform knows them by.</summary>
/// <remarks>All values are fictitious: the Slack user id and Entra object id only look like real ones.</remarks>
public sealed record DemoOwner(string Name, string Email, string SlackUserId, Guid EntraObjectId);
