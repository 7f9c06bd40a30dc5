using System.Text.Json;
using System.Text.Json.Nodes;
using FinOps.Core.Reliability;
using FinOps.Teams.Activities;
using FinOps.Teams.Connector;
using FinOps.Teams.Conversations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FinOps.Teams.Delivery;

/// <summary>
/// Posts queued proactive Teams messages once: each post is claimed in the <see cref="IIdempotencyStore"/> under the caller's
/// key and recorded there as soon as the connector answers, so the sender's immediate attempt, the dispatcher and a
/// restarted process never post a recorded message again; failed posts stay queued with backoff until sent or given up.
/// </summary>
/// <remarks>
/// Unlike Slack (whose posts carry the key in message metadata, found again with <c>conversations.history</c>), the Bot
/// Connector offers no "check" before a re-send: it cannot list a conversation's activities (Get Conversations and activity
/// history are Direct Line / Web Chat only; Teams history needs Microsoft Graph and its own permissions), and
/// <c>POST /v3/conversations/{id}/activities</c> accepts no client idempotency key (a client-set activity id is replaced).
/// So an attempt whose answer was lost after the connector took the post (a timeout, a crash before the record) is posted
/// again: the send timeout (<see cref="TeamsDeliveryOptions.SendTimeout"/>) is long to make that rare, and everything
/// after the connector's answer is recorded before anything else happens.
/// </remarks>
public sealed partial class TeamsOutboundDelivery(
    BotConnectorClient connector,
    IConversationReferenceStore references,
    IIdempotencyStore idempotency,
    IWorkQueue outbox,
    IOptions<TeamsDeliveryOptions> options,
    TimeProvider timeProvider,
    ILogger<TeamsOutboundDelivery> logger)
{
    /// <summary>The queue channel of proactive Teams messages.</summary>
    public const string Channel = "teams";

    /// <summary>Where sends are claimed and recorded (the scope proactive sends always used, so earlier records still count).</summary>
    public const string SendScope = "teams.proactive";

    private const int BatchSize = 50;

    // Who holds a queue claim: unique per process and instance, so claims of a process that died are told apart.
    private readonly string _owner = Environment.MachineName + ":" + Environment.ProcessId + ":" + Guid.NewGuid().ToString("N");

    /// <summary>The queue key of a message sent under <paramref name="idempotencyKey"/>; keys are unique across channels in the queue.</summary>
    public static string QueueKey(string idempotencyKey) => Channel + ":" + idempotencyKey;

    public static string Serialize(TeamsOutboundMessage message) => JsonSerializer.Serialize(message, TeamsJson.Options);

    /// <summary>Stores <paramref name="message"/> for delivery unless its key is queued already.</summary>
    public Task<bool> EnqueueAsync(TeamsOutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return outbox.EnqueueAsync(Channel, QueueKey(message.IdempotencyKey), Serialize(message), cancellationToken);
    }

    /// <summary>Posts <paramref name="message"/> unless already posted; returns the activity id, or null while another attempt holds the claim.</summary>
    public async Task<string?> TryDeliverAsync(TeamsOutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var key = message.IdempotencyKey;
        if (await idempotency.GetResultAsync(SendScope, key, cancellationToken) is { } done)
        {
            return done;
        }

        if (!await idempotency.TryClaimAsync(SendScope, key, options.Value.ProcessingLease, cancellationToken))
        {
            return await idempotency.GetResultAsync(SendScope, key, cancellationToken);
        }

        try
        {
            var reference = (message.NewThreadInChannel is null ? null : message.ChannelTeam)
                ?? await references.GetAsync(message.ConversationId, cancellationToken)
                ?? throw new InvalidOperationException("The bot has no reference for this Teams conversation (is the app installed there?).");
            if (reference.IsStale)
            {
                throw new InvalidOperationException("The bot was removed from this Teams conversation; its reference is stale.");
            }

            var activity = TeamsActivityHandler.CardActivity(message.Card);
            string messageId;
            if (message.NewThreadInChannel is { } channelId)
            {
                messageId = await StartThreadAsync(reference, channelId, activity, cancellationToken);
            }
            else
            {
                activity.From = reference.BotId is null ? null : ChannelAccount.Bot(reference.BotId);
                var response = await connector.SendToConversationAsync(
                    new ConnectorTarget(reference.ServiceUrl, reference.ConversationId, reference.TenantId), activity, cancellationToken);
                messageId = response.Id ?? string.Empty;
            }

            // Recorded at once and not cancellable: from here on the post exists, and only this record says so.
            await idempotency.CompleteAsync(SendScope, key, messageId, CancellationToken.None);
            return messageId;
        }
        catch
        {
            await idempotency.ReleaseAsync(SendScope, key, CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// Starts a new thread in <paramref name="channelId"/> with the card as its first post and stores the thread's reference
    /// (so the card can be updated in place later); returns the <see cref="TeamsOutboundMessage.ThreadResult"/>.
    /// </summary>
    private async Task<string> StartThreadAsync(TeamsConversationReference team, string channelId, Activity activity, CancellationToken cancellationToken)
    {
        var created = await connector.CreateConversationAsync(team.ServiceUrl, team.TenantId, new ConversationParameters
        {
            IsGroup = true,
            Bot = team.BotId is null ? null : ChannelAccount.Bot(team.BotId),
            TenantId = team.TenantId,
            ChannelData = new JsonObject
            {
                ["channel"] = new JsonObject { ["id"] = channelId },
                ["tenant"] = new JsonObject { ["id"] = team.TenantId },
            },
            Activity = activity,
        }, cancellationToken);
        var threadId = created.Id ?? throw new BotConnectorException("Bot Connector created a channel thread without an id.");
        await references.StoreAsync(
            new TeamsConversationReference(
                threadId, team.ServiceUrl, "channel", team.TenantId, team.BotId, null, null, team.TeamId, channelId, timeProvider.GetUtcNow()),
            CancellationToken.None);
        return TeamsOutboundMessage.ThreadResult(threadId, created.ActivityId ?? string.Empty);
    }

    /// <summary>One pass of the dispatcher: attempts every due message under a queue claim; returns how many were delivered.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var delivered = 0;
        var settings = options.Value;
        foreach (var queued in await outbox.GetDueAsync(Channel, BatchSize, cancellationToken))
        {
            // Other instances poll the same queue: only the claim that wins attempts the message.
            if (!await outbox.TryClaimAsync(queued.Id, _owner, settings.ProcessingLease, cancellationToken))
            {
                continue;
            }

            // Outcomes are recorded even while the host stops: a post that went out must be marked sent.
            var record = CancellationToken.None;
            try
            {
                var message = JsonSerializer.Deserialize<TeamsOutboundMessage>(queued.Payload, TeamsJson.Options)
                    ?? throw new JsonException("The queued Teams message is empty.");
                if (await TryDeliverAsync(message, cancellationToken) is { } result)
                {
                    await outbox.MarkSentAsync(queued.Id, result, record);
                    delivered++;
                }
                else
                {
                    // Another attempt holds the send claim: by the end of its lease it has recorded the post or let it go.
                    await outbox.MarkFailedAsync(queued.Id, "claimed by another attempt", timeProvider.GetUtcNow() + settings.ProcessingLease, record);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var error = TeamsRetryDelay.Describe(ex);
                var retryAt = TeamsRetryDelay.NextAttempt(queued.Attempts + 1, ex, settings, timeProvider.GetUtcNow());
                await outbox.MarkFailedAsync(queued.Id, error, retryAt, record);
                LogSendFailed(logger, queued.Id, error, retryAt);
            }
        }

        return delivered;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams queued message {Id} failed ({Error}); next attempt {RetryAt} (none: given up)")]
    private static partial void LogSendFailed(ILogger logger, long id, string error, DateTimeOffset? retryAt);
}
