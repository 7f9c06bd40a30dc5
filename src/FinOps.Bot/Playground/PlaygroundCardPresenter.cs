using System.Text.Json.Nodes;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Rendering;
using FinOps.Slack.BlockKit;
using FinOps.Teams.Cards;

namespace FinOps.Bot.Playground;

/// <summary>Turns a card into what the playground shows: HTML, plus the exact Teams and Slack payloads.</summary>
public sealed class PlaygroundCardPresenter(
    HtmlCardRenderer html,
    IAdaptiveCardRenderer adaptiveCards,
    IBlockKitRenderer blockKit)
{
    public PlaygroundReply Present(string messageId, Card card, bool proactive)
    {
        ArgumentNullException.ThrowIfNull(card);
        var slack = blockKit.Render(card);
        var slackBody = new JsonObject
        {
            ["text"] = slack.Text,
            ["blocks"] = slack.Blocks.DeepClone(),
        };
        return new PlaygroundReply(messageId, card.Kind, proactive, html.Render(card), adaptiveCards.Render(card), slackBody, card.FallbackText);
    }
}
