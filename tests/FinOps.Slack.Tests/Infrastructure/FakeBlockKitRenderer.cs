using System.Text.Json.Nodes;
using FinOps.Conversation.Cards;
using FinOps.Slack.BlockKit;

namespace FinOps.Slack.Tests.Infrastructure;

/// <summary>Renders a card as one mrkdwn section holding its fallback text; enough to see what was posted where.</summary>
public sealed class FakeBlockKitRenderer : IBlockKitRenderer
{
    public SlackMessageContent Render(Card card) => new(
        card.FallbackText,
        [new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = card.FallbackText } }]);
}
