using FinOps.Conversation.Cards;
using FinOps.Conversation.Messaging;

namespace FinOps.Teams.Conversations;

/// <summary>
/// Sends to Teams places that have no stored conversation to post to: a team channel (a new conversation in the
/// channel) and a user's personal chat (created first). A repeated idempotency key posts nothing more.
/// </summary>
public interface ITeamsTargetedSender
{
    /// <summary>Posts <paramref name="card"/> as a new conversation in a stored team channel.</summary>
    Task<SentMessage> PostToChannelAsync(TeamsChannelRecord channel, Card card, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Posts <paramref name="card"/> to the user's personal chat with the bot, creating the chat when needed.</summary>
    Task<SentMessage> SendToUserAsync(TeamsUserTarget user, Card card, string idempotencyKey, CancellationToken cancellationToken);
}
