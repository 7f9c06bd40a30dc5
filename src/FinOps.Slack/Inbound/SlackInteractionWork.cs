using System.Text.Json;

namespace FinOps.Slack.Inbound;

/// <summary>A <c>block_actions</c> interaction payload: a button clicked on one of the bot's messages.</summary>
public sealed record SlackInteractionWork(JsonElement Payload) : SlackWorkItem;
