namespace FinOps.Teams.Conversations;

/// <summary>Conversation references kept from install events and messages, for proactive messages.</summary>
public interface IConversationReferenceStore
{
    /// <summary>Stores or replaces the reference of its conversation (and clears a stale mark).</summary>
    Task StoreAsync(TeamsConversationReference reference, CancellationToken cancellationToken);

    /// <summary>Forgets a conversation (the app was uninstalled or the bot removed).</summary>
    Task RemoveAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Keeps the reference but stops sending to it: Teams said the bot is no longer there.</summary>
    Task MarkStaleAsync(string conversationId, string reason, CancellationToken cancellationToken);

    /// <summary>The reference of a conversation, stale or not; null when unknown.</summary>
    Task<TeamsConversationReference?> GetAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>All references that are not stale, e.g. for fan-out.</summary>
    Task<IReadOnlyList<TeamsConversationReference>> ListActiveAsync(CancellationToken cancellationToken);
}
