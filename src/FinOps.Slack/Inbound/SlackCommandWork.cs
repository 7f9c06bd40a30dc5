namespace FinOps.Slack.Inbound;

/// <summary>A slash command to answer through its response_url.</summary>
public sealed record SlackCommandWork(SlackSlashCommand Command) : SlackWorkItem;
