using FinOps.Conversation.Cards;

namespace FinOps.Bot.Playground;

/// <summary>A person the playground can act as: their chat identity and how the picker labels them.</summary>
public sealed record PlaygroundUser(string Id, string Label, ChatUser ChatUser);
