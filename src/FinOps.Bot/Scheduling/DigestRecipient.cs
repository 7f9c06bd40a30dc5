using FinOps.Conversation.Cards;

namespace FinOps.Bot.Scheduling;

/// <summary>One place a team's digest goes: a platform (the sender's channel) and a conversation on it.</summary>
public sealed record DigestRecipient(string Channel, ConversationAddress Address);
