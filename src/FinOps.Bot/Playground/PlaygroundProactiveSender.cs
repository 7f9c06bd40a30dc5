using FinOps.Conversation.Cards;
using FinOps.Conversation.Messaging;
using FinOps.Core.Reliability;

namespace FinOps.Bot.Playground;

/// <summary>Delivers proactive cards (digests, alerts, approval requests) to open playground tabs, live.</summary>
/// <remarks>The conversation id is a playground user id, or <see cref="PlaygroundAddresses.Everyone"/> for the shared channel.</remarks>
public sealed class PlaygroundProactiveSender(
    PlaygroundHub hub,
    PlaygroundMessages messages,
    PlaygroundCardPresenter presenter,
    IIdempotencyStore idempotency) : IProactiveSender
{
    private const string Scope = "playground.send";
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    public string Channel => PlaygroundAddresses.Channel;

    public async Task<SentMessage> SendAsync(ConversationAddress conversation, Card card, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(card);
        if (!await idempotency.TryClaimAsync(Scope, idempotencyKey, Lease, cancellationToken))
        {
            var earlier = await idempotency.GetResultAsync(Scope, idempotencyKey, cancellationToken);
            return new SentMessage(conversation, earlier ?? string.Empty);
        }

        var messageId = "pg-" + Guid.NewGuid().ToString("N");
        messages.Remember(messageId, conversation.Id, card);
        hub.Publish(conversation.Id, presenter.Present(messageId, card, proactive: true));
        await idempotency.CompleteAsync(Scope, idempotencyKey, messageId, cancellationToken);
        return new SentMessage(conversation, messageId);
    }

    public Task UpdateAsync(SentMessage message, Card card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        messages.Remember(message.MessageId, message.Conversation.Id, card);
        hub.Publish(message.Conversation.Id, presenter.Present(message.MessageId, card, proactive: true));
        return Task.CompletedTask;
    }
}
