using FinOps.Conversation.Cards;

namespace FinOps.Slack.BlockKit;

/// <summary>Renders a channel-neutral card as a Slack Block Kit message within Slack's limits.</summary>
public interface IBlockKitRenderer
{
    SlackMessageContent Render(Card card);
}
