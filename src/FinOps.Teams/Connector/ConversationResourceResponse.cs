namespace FinOps.Teams.Connector;

/// <summary>The Bot Connector's answer to a created conversation.</summary>
public sealed record ConversationResourceResponse(string? Id, string? ActivityId, string? ServiceUrl);
