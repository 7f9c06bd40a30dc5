using System.Text.Json;

namespace FinOps.Slack.Inbound;

/// <summary>An Events API event (<c>event_callback</c>) to handle: a message for the bot, or an uninstall.</summary>
/// <param name="TeamId">The workspace.</param>
/// <param name="EventId">Slack's unique event id, the same on every retry.</param>
/// <param name="BotUserId">The bot's user id from the event's authorizations, when present.</param>
/// <param name="Event">The inner <c>event</c> object.</param>
public sealed record SlackEventWork(string TeamId, string EventId, string? BotUserId, JsonElement Event) : SlackWorkItem;
