using System.Text.Json.Nodes;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Messaging;
using FinOps.Core.Reliability;
using FinOps.Teams.Activities;
using FinOps.Teams.Cards;
using FinOps.Teams.Connector;
using FinOps.Teams.Conversations;
using FinOps.Teams.Delivery;

namespace FinOps.Teams;

/// <summary>
/// Posts digests, alerts and approval cards to Teams conversations the bot was installed in, using the
/// stored conversation reference; a repeated idempotency key returns the first message instead of posting again.
/// Sends to a conversation go through the durable queue (<see cref="TeamsOutboundDelivery"/>), so a restart loses none.
/// </summary>
public sealed class TeamsProactiveSender(
    BotConnectorClient connector,
    IConversationReferenceStore references,
    IAdaptiveCardRenderer renderer,
    IIdempotencyStore idempotency,
    TeamsOutboundDelivery delivery,
    TimeProvider timeProvider) : IProactiveSender
{
    public const string IdempotencyScope = TeamsOutboundDelivery.SendScope;

    public string Channel => TeamsActivityHandler.Channel;

    /// <summary>
    /// Stores the message in the durable queue, then attempts it at once. When the connector cannot take it now the message
    /// stays queued for <see cref="TeamsOutboxDispatcher"/> and <see cref="TeamsDeliveryDeferredException"/> says the message
    /// id is not known yet; a permanent refusal (conversation gone, no reference) is thrown as before and not retried.
    /// </summary>
    public async Task<SentMessage> SendAsync(ConversationAddress conversation, Card card, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(card);
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        if (await idempotency.GetResultAsync(IdempotencyScope, idempotencyKey, cancellationToken) is { } sentId)
        {
            return new SentMessage(conversation, sentId);
        }

        var message = new TeamsOutboundMessage(idempotencyKey, conversation.Id, conversation.Workspace, renderer.Render(card));
        await delivery.EnqueueAsync(message, cancellationToken);

        string? result;
        try
        {
            result = await delivery.TryDeliverAsync(message, cancellationToken);
        }
        catch (Exception ex) when (!TeamsRetryDelay.IsPermanent(ex) && (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
        {
            throw new TeamsDeliveryDeferredException($"Teams is unavailable; message {idempotencyKey} stays queued and will be retried.", ex);
        }

        return result is null
            ? throw new TeamsDeliveryDeferredException($"Message {idempotencyKey} is being delivered by another worker.")
            : new SentMessage(conversation, result);
    }

    /// <summary>
    /// Messages a user 1:1 who has the app (e.g. an approver): creates (or gets back) the personal
    /// conversation with the user, stores its reference, and posts the card there.
    /// </summary>
    /// <param name="serviceUrl">The user's region connector, from any reference of the tenant.</param>
    /// <param name="tenantId">The user's tenant.</param>
    /// <param name="botId">The bot's id (<c>28:{appId}</c>).</param>
    /// <param name="userId">The user's Teams id (<c>29:...</c>) or Entra object id.</param>
    public async Task<SentMessage> SendToUserAsync(
        string serviceUrl, string tenantId, string botId, string userId, Card card, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(card);
        var created = await connector.CreateConversationAsync(serviceUrl, tenantId, new ConversationParameters
        {
            IsGroup = false,
            Bot = ChannelAccount.Bot(botId),
            Members = [ChannelAccount.User(userId)],
            TenantId = tenantId,
            ChannelData = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenantId } },
        }, cancellationToken);
        var conversationId = created.Id ?? throw new BotConnectorException("Bot Connector created a conversation without an id.");
        await references.StoreAsync(
            new TeamsConversationReference(
                conversationId, created.ServiceUrl ?? serviceUrl, "personal", tenantId, botId, userId, null, null, null, timeProvider.GetUtcNow()),
            cancellationToken);
        return await SendAsync(new ConversationAddress(Channel, conversationId, tenantId), card, idempotencyKey, cancellationToken);
    }

    /// <summary>
    /// Starts a new thread in a team channel with the card as its first post (the bot must be installed in the team),
    /// through the durable queue like <see cref="SendAsync"/>: stored first, attempted at once, retried by the dispatcher.
    /// </summary>
    /// <param name="team">A stored reference of the team (any of its channels).</param>
    /// <param name="channelId">The Teams channel id (<c>19:...@thread.tacv2</c>).</param>
    public async Task<SentMessage> PostToChannelAsync(
        TeamsConversationReference team, string channelId, Card card, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(card);
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        var result = await idempotency.GetResultAsync(IdempotencyScope, idempotencyKey, cancellationToken);
        if (result is null)
        {
            var message = new TeamsOutboundMessage(idempotencyKey, team.ConversationId, team.TenantId, renderer.Render(card), channelId, team);
            await delivery.EnqueueAsync(message, cancellationToken);
            try
            {
                result = await delivery.TryDeliverAsync(message, cancellationToken);
            }
            catch (Exception ex) when (!TeamsRetryDelay.IsPermanent(ex) && (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
            {
                throw new TeamsDeliveryDeferredException($"Teams is unavailable; message {idempotencyKey} stays queued and will be retried.", ex);
            }
        }

        if (result is null)
        {
            throw new TeamsDeliveryDeferredException($"Message {idempotencyKey} is being delivered by another worker.");
        }

        var (threadId, activityId) = TeamsOutboundMessage.ParseResult(result);
        return new SentMessage(new ConversationAddress(Channel, threadId ?? channelId, team.TenantId), activityId);
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
