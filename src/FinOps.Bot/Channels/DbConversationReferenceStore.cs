using System.Text.Json;
using FinOps.Storage.Channels;
using FinOps.Teams.Conversations;

namespace FinOps.Bot.Channels;

/// <summary>Teams conversation references in the database, so proactive messages still reach people after a restart.</summary>
public sealed class DbConversationReferenceStore(ChannelRecordStore records) : IConversationReferenceStore
{
    private const string Kind = "teams.reference";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task StoreAsync(TeamsConversationReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return records.UpsertAsync(Kind, reference.ConversationId, JsonSerializer.Serialize(reference with { IsStale = false }, Json), cancellationToken);
    }

    public Task RemoveAsync(string conversationId, CancellationToken cancellationToken) =>
        records.DeleteAsync(Kind, conversationId, cancellationToken);

    public async Task MarkStaleAsync(string conversationId, string reason, CancellationToken cancellationToken)
    {
        if (await GetAsync(conversationId, cancellationToken) is { } reference)
        {
            await records.UpsertAsync(Kind, conversationId, JsonSerializer.Serialize(reference with { IsStale = true }, Json), cancellationToken);
        }
    }

    public async Task<TeamsConversationReference?> GetAsync(string conversationId, CancellationToken cancellationToken) =>
        await records.GetAsync(Kind, conversationId, cancellationToken) is { } json
            ? JsonSerializer.Deserialize<TeamsConversationReference>(json, Json)
            : null;

    public async Task<IReadOnlyList<TeamsConversationReference>> ListActiveAsync(CancellationToken cancellationToken)
    {
        var all = await records.ListAsync(Kind, cancellationToken);
        return all.Select(j => JsonSerializer.Deserialize<TeamsConversationReference>(j, Json)!).Where(r => !r.IsStale).ToList();
    }
}
