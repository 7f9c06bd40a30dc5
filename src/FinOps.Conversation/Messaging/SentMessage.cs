using FinOps.Conversation.Cards;

namespace FinOps.Conversation.Messaging;

/// <summary>A message the bot posted: where, and the channel's id for it (activity id, Slack ts).</summary>
public sealed record SentMessage(ConversationAddress Conversation, string MessageId);
