using FinOps.Conversation.Cards;

namespace FinOps.Conversation.Messaging;

/// <summary>The channel-neutral bot: every channel adapter hands messages and clicks here and renders what comes back.</summary>
public interface IConversationService
{
    /// <summary>Answers a message with one card.</summary>
    Task<Card> AnswerAsync(IncomingMessage message, CancellationToken cancellationToken);

    /// <summary>Handles a button click; the returned card replaces the clicked card in place. Idempotent per message and action.</summary>
    Task<Card> HandleActionAsync(CardActionInvoked action, CancellationToken cancellationToken);

    /// <summary>The welcome card for a person who just installed the bot, or null when the service has none.</summary>
    Task<Card?> WelcomeAsync(ConversationAddress conversation, CancellationToken cancellationToken) => Task.FromResult<Card?>(null);
}
