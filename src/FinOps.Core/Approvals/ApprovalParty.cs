namespace FinOps.Core.Approvals;

/// <summary>A person acting in the flow, with where they did it (so answers go back there).</summary>
/// <param name="Key">The directory key of the person (<see cref="People.Person.Key"/>).</param>
/// <param name="Name">What cards show.</param>
/// <param name="Channel"><c>slack</c>, <c>teams</c>, <c>playground</c> or <c>cli</c>.</param>
/// <param name="ConversationId">The conversation the person wrote from, when known.</param>
/// <param name="Workspace">Slack team id or Teams tenant id, when known.</param>
public sealed record ApprovalParty(string Key, string Name, string Channel, string? ConversationId = null, string? Workspace = null);
