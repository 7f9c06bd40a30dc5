using System.Text.Json;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Messaging;
using FinOps.Core.Reliability;
using FinOps.Slack.BlockKit;
using FinOps.Slack.Installation;
using FinOps.Slack.WebApi;

namespace FinOps.Slack.Outbound;

/// <summary>
/// Sends digests, alerts and approval cards to Slack. A send is first stored in the <see cref="IWorkQueue"/> and then
/// attempted at once; when Slack is unreachable it stays queued for <see cref="SlackOutboxDispatcher"/> and
/// <see cref="SlackDeliveryDeferredException"/> tells the caller the message id is not known yet.
/// </summary>
/// <remarks><see cref="SentMessage.MessageId"/> is <c>{channel}:{ts}</c>, since a DM's channel is only known after conversations.open.</remarks>
public sealed class SlackProactiveSender(
    IBlockKitRenderer renderer,
    IWorkQueue outbox,
    SlackOutboundDelivery delivery,
    SlackApiClient api,
    SlackInstallationResolver installations) : IProactiveSender
{
    public string Channel => SlackOutboundDelivery.Channel;

    public async Task<SentMessage> SendAsync(ConversationAddress conversation, Card card, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(card);
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        var content = renderer.Render(card);
        var message = new SlackOutboundMessage(conversation.Workspace, conversation.Id, conversation.ThreadId, content.Text, content.Blocks.ToJsonString());
        await outbox.EnqueueAsync(Channel, idempotencyKey, JsonSerializer.Serialize(message), cancellationToken);

        string? result;
        try
        {
            result = await delivery.TryDeliverAsync(idempotencyKey, message, mayHavePosted: false, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException || (ex is SlackApiException slack && !slack.IsPermanent))
        {
            throw new SlackDeliveryDeferredException($"Slack is unavailable; message {idempotencyKey} stays queued and will be retried.", ex);
        }

        return result is null
            ? throw new SlackDeliveryDeferredException($"Message {idempotencyKey} is being delivered by another worker.")
            : new SentMessage(conversation, result);
    }

    public async Task UpdateAsync(SentMessage message, Card card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(card);
        var separator = message.MessageId.IndexOf(':', StringComparison.Ordinal);
        var (channel, ts) = separator > 0
            ? (message.MessageId[..separator], message.MessageId[(separator + 1)..])
            : (message.Conversation.Id, message.MessageId);
        var installation = await installations.ResolveAsync(message.Conversation.Workspace, cancellationToken)
            ?? throw new SlackApiException("chat.update", "not_installed");
        await api.UpdateMessageAsync(installation.BotToken, channel, ts, renderer.Render(card), cancellationToken);
    }
}
