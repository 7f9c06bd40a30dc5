using FinOps.Conversation.Cards;

namespace FinOps.Conversation.Messaging;

/// <summary>
/// A chat command (such as "weekly digest") that <see cref="ConversationService"/> tries before the question parser.
/// </summary>
public interface IConversationCommand
{
    /// <summary>The answer card when the message is this command; null to let the next command or the question parser answer.</summary>
    Task<Card?> TryHandleAsync(IncomingMessage message, CancellationToken cancellationToken);
}
