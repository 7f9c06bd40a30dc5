using System.Collections.Concurrent;

namespace FinOps.Teams.Conversations;

/// <summary>Process-local reference store: for development and tests; the host registers a durable one in production.</summary>
public sealed class InMemoryConversationReferenceStore : IConversationReferenceStore
{
    private readonly ConcurrentDictionary<string, TeamsConversationReference> _references = new(StringComparer.Ordinal);

    public Task StoreAsync(TeamsConversationReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        _references[reference.ConversationId] = reference with { IsStale = false };
        return Task.CompletedTask;
    }

    public Task RemoveAsync(string conversationId, CancellationToken cancellationToken)
    {
        _references.TryRemove(conversationId, out _);
        return Task.CompletedTask;
    }

    public Task MarkStaleAsync(string conversationId, string reason, CancellationToken cancellationToken)
    {
        if (_references.TryGetValue(conversationId, out var current))
        {
            _references[conversationId] = current with { IsStale = true };
        }

        return Task.CompletedTask;
    }

    public Task<TeamsConversationReference?> GetAsync(string conversationId, CancellationToken cancellationToken) =>
        Task.FromResult(_references.GetValueOrDefault(conversationId));

    public Task<IReadOnlyList<TeamsConversationReference>> ListActiveAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TeamsConversationReference>>([.. _references.Values.Where(r => !r.IsStale)]);
}
