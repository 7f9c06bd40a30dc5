using System.Text.Json.Nodes;

namespace FinOps.Teams.Delivery;

/// <summary>A proactive Teams message waiting in the queue: where it goes and the rendered Adaptive Card.</summary>
/// <param name="IdempotencyKey">The caller's key; the send is claimed and recorded under it.</param>
/// <param name="ConversationId">A conversation with a stored reference (the reference is read at send time, so a removal stops it).</param>
/// <param name="TenantId">The conversation's tenant, as the caller addressed it.</param>
/// <param name="Card">The Adaptive Card, rendered when the message was queued.</param>
public sealed record TeamsOutboundMessage(string IdempotencyKey, string ConversationId, string? TenantId, JsonObject Card);
