namespace FinOps.Slack.Inbound;

/// <summary>Inbound work acknowledged to Slack and waiting for a background worker.</summary>
public abstract record SlackWorkItem;
