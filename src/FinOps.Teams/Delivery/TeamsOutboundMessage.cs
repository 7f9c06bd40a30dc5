using System.Text.Json.Nodes;
using FinOps.Teams.Conversations;

namespace FinOps.Teams.Delivery;

/// <summary>A proactive Teams message waiting in the queue: where it goes and the rendered Adaptive Card.</summary>
/// <param name="IdempotencyKey">The caller's key; the send is claimed and recorded under it.</param>
/// <param name="ConversationId">
/// A conversation with a stored reference (the reference is read at send time, so a removal stops it); for a new thread in a
/// channel, any stored conversation of the channel's team (it gives the service URL, tenant and bot id).
/// </param>
/// <param name="TenantId">The conversation's tenant, as the caller addressed it.</param>
/// <param name="Card">The Adaptive Card, rendered when the message was queued.</param>
/// <param name="NewThreadInChannel">When set, the card starts a new thread (conversation) in this Teams channel id.</param>
/// <param name="ChannelTeam">
/// For a new thread: the team's service URL, tenant and bot id as the caller knew them (a team recorded from its channel
/// list may have no stored conversation reference); when null the stored reference of <paramref name="ConversationId"/> is used.
/// </param>
public sealed record TeamsOutboundMessage(
    string IdempotencyKey,
    string ConversationId,
    string? TenantId,
    JsonObject Card,
    string? NewThreadInChannel = null,
    TeamsConversationReference? ChannelTeam = null)
{
    private const char Separator = '\n';

    /// <summary>The recorded result of a channel thread post: the new thread's conversation id and the card's activity id.</summary>
    public static string ThreadResult(string threadId, string activityId) => threadId + Separator + activityId;

    /// <summary>Splits a <see cref="ThreadResult"/> (a result without the separator is an activity id in the addressed conversation).</summary>
    public static (string? ThreadId, string ActivityId) ParseResult(string result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var cut = result.IndexOf(Separator, StringComparison.Ordinal);
        return cut < 0 ? (null, result) : (result[..cut], result[(cut + 1)..]);
    }
}
