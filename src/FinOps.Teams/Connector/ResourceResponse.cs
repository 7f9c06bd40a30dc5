namespace FinOps.Teams.Connector;

/// <summary>The Bot Connector's answer to a posted activity: its id.</summary>
public sealed record ResourceResponse(string? Id);
