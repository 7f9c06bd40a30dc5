using FinOps.Conversation.Cards;

namespace FinOps.Conversation.Messaging;

/// <summary>A user's text addressed to the bot, with mentions of the bot already removed.</summary>
public sealed record IncomingMessage(string Text, ChatUser User, ConversationAddress Conversation);
