using FinOps.Conversation.Cards;
using FinOps.Conversation.Messaging;
using FinOps.Core.Reliability;
using FinOps.Teams.Activities;
using FinOps.Teams.Cards;
using FinOps.Teams.Connector;
using FinOps.Teams.Conversations;

namespace FinOps.Teams;

/// <summary>
/// Posts digests, alerts and approval cards to Teams conversations the bot was installed in, using the
/// stored conversation reference; a repeated idempotency key returns the first message instead of posting again.
/// </summary>
public sealed class TeamsProactiveSender(
    BotConnectorClient connector,
    IConversationReferenceStore references,
    IAdaptiveCardRenderer renderer,
    IIdempotencyStore idempotency) : IProactiveSender
{
    public const string IdempotencyScope = "teams.proactive";

    private static readonly TimeSpan SendLease = TimeSpan.FromMinutes(2);

    public string Channel => TeamsActivityHandler.Channel;

    public async Task<SentMessage> SendAsync(ConversationAddress conversation, Card card, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(card);
        if (!await idempotency.TryClaimAsync(IdempotencyScope, idempotencyKey, SendLease, cancellationToken))
        {
            var sentId = await idempotency.GetResultAsync(IdempotencyScope, idempotencyKey, cancellationToken)
                ?? throw new InvalidOperationException($"Proactive message '{idempotencyKey}' is being sent by another worker.");
            return new SentMessage(conversation, sentId);
        }

        try
        {
            var reference = await ActiveReferenceAsync(conversation.Id, cancellationToken);
            var activity = TeamsActivityHandler.CardActivity(renderer.Render(card));
            activity.From = reference.BotId is null ? null : new ChannelAccount { Id = reference.BotId };
            var response = await connector.SendToConversationAsync(TargetOf(reference), activity, cancellationToken);
            var messageId = response.Id ?? string.Empty;
            await idempotency.CompleteAsync(IdempotencyScope, idempotencyKey, messageId, cancellationToken);
            return new SentMessage(conversation, messageId);
        }
        catch
        {
            await idempotency.ReleaseAsync(IdempotencyScope, idempotencyKey, CancellationToken.None);
            throw;
        }
    }

    public async Task UpdateAsync(SentMessage message, Card card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(card);
        var reference = await ActiveReferenceAsync(message.Conversation.Id, cancellationToken);
        var activity = TeamsActivityHandler.CardActivity(renderer.Render(card));
        await connector.UpdateActivityAsync(TargetOf(reference), message.MessageId, activity, cancellationToken);
    }

    private static ConnectorTarget TargetOf(TeamsConversationReference reference) =>
        new(reference.ServiceUrl, reference.ConversationId, reference.TenantId);

    private async Task<TeamsConversationReference> ActiveReferenceAsync(string conversationId, CancellationToken cancellationToken)
    {
        var reference = await references.GetAsync(conversationId, cancellationToken)
            ?? throw new InvalidOperationException("The bot has no reference for this Teams conversation (is the app installed there?).");
        return reference.IsStale
            ? throw new InvalidOperationException("The bot was removed from this Teams conversation; its reference is stale.")
            : reference;
    }
}
