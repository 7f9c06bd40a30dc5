using System.Text.Json.Nodes;
using FinOps.Conversation.Cards;
using FinOps.Teams.Cards;

namespace FinOps.Teams.Tests.Fakes;

/// <summary>A minimal valid Adaptive Card 1.5: the card kind and its fallback text; the real renderer is tested on its own.</summary>
public sealed class FakeAdaptiveCardRenderer : IAdaptiveCardRenderer
{
    public JsonObject Render(Card card) => new()
    {
        ["type"] = "AdaptiveCard",
        ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
        ["version"] = "1.5",
        ["fallbackText"] = card.FallbackText,
        ["body"] = new JsonArray(new JsonObject
        {
            ["type"] = "TextBlock",
            ["text"] = card.FallbackText,
            ["wrap"] = true,
        }),
    };
}
