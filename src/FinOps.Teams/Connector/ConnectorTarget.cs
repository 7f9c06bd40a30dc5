namespace FinOps.Teams.Connector;

/// <summary>A conversation on a regional connector endpoint; the tenant drives per-tenant pacing.</summary>
public sealed record ConnectorTarget(string ServiceUrl, string ConversationId, string? TenantId);
