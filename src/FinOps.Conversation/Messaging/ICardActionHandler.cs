using FinOps.Conversation.Cards;

namespace FinOps.Conversation.Messaging;

/// <summary>Handles the button clicks whose action id starts with <see cref="ActionPrefix"/> (e.g. <c>question.</c>, <c>budget.</c>).</summary>
/// <remarks>
/// Register implementations as <c>ICardActionHandler</c> singletons; <see cref="ConversationService"/> routes each
/// click to the handler with the longest matching prefix. The returned card replaces the clicked one.
/// </remarks>
public interface ICardActionHandler
{
    /// <summary>Prefix of the action ids handled, ending with a dot ("budget.").</summary>
    string ActionPrefix { get; }

    Task<Card> HandleAsync(CardActionInvoked action, CancellationToken cancellationToken);
}
