using System.Text.Json.Nodes;

namespace FinOps.Slack.BlockKit;

/// <summary>A Slack message body: the top-level fallback <c>text</c> and the Block Kit <c>blocks</c>.</summary>
public sealed record SlackMessageContent(string Text, JsonArray Blocks);
