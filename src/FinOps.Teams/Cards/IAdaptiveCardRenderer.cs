using System.Text.Json.Nodes;
using FinOps.Conversation.Cards;

namespace FinOps.Teams.Cards;

/// <summary>Renders a channel-neutral card as an Adaptive Card 1.5 for Teams (the card content, not the attachment).</summary>
public interface IAdaptiveCardRenderer
{
    JsonObject Render(Card card);
}
