namespace FinOps.Slack.Outbound;

/// <summary>A proactive Slack message as stored in the outbox (JSON): where it goes and the rendered Block Kit content.</summary>
/// <param name="TeamId">Workspace, to find the bot token.</param>
/// <param name="Channel">Channel id, or a user id (U…/W…) for a direct message.</param>
/// <param name="ThreadTs">Thread to post in, when any.</param>
/// <param name="Text">Fallback text.</param>
/// <param name="Blocks">The Block Kit blocks as a JSON array.</param>
public sealed record SlackOutboundMessage(string? TeamId, string Channel, string? ThreadTs, string Text, string Blocks);
