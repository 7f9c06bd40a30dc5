using FinOps.Conversation.Cards;

namespace FinOps.Conversation.Messaging;

/// <summary>Sends a card to a conversation without a user message first (digests, alerts, approval requests). One per channel.</summary>
public interface IProactiveSender
{
    /// <summary>The channel this sender serves: "slack", "teams" or "playground".</summary>
    string Channel { get; }

    /// <summary>Posts <paramref name="card"/>; <paramref name="idempotencyKey"/> makes a repeated call a no-op.</summary>
    Task<SentMessage> SendAsync(ConversationAddress conversation, Card card, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Replaces a card already sent.</summary>
    Task UpdateAsync(SentMessage message, Card card, CancellationToken cancellationToken);
}
