namespace FinOps.Conversation.Cards;

/// <summary>A click on a card button from any channel, in neutral form.</summary>
/// <param name="ActionId">The neutral action id of the button.</param>
/// <param name="Payload">The button payload.</param>
/// <param name="Inputs">Values of the card's text inputs, by input id.</param>
/// <param name="User">Who clicked.</param>
/// <param name="Conversation">Where the card is.</param>
/// <param name="MessageId">The channel's id of the message holding the card (activity id, Slack ts), for idempotency.</param>
public sealed record CardActionInvoked(
    string ActionId,
    IReadOnlyDictionary<string, string> Payload,
    IReadOnlyDictionary<string, string> Inputs,
    ChatUser User,
    ConversationAddress Conversation,
    string? MessageId);
