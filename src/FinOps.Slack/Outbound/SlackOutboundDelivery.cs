using System.Text.Json;
using System.Text.Json.Nodes;
using FinOps.Core.Reliability;
using FinOps.Slack.BlockKit;
using FinOps.Slack.Installation;
using FinOps.Slack.WebApi;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FinOps.Slack.Outbound;

/// <summary>
/// Posts outbox messages to Slack exactly once: each post is claimed in the <see cref="IIdempotencyStore"/> under its
/// idempotency key, so the immediate attempt of <see cref="SlackProactiveSender"/> and the background dispatcher never
/// both post, and failed posts stay queued with exponential backoff until they succeed or are given up.
/// </summary>
public sealed partial class SlackOutboundDelivery(
    SlackApiClient api,
    SlackInstallationResolver installations,
    IIdempotencyStore idempotency,
    IOutbox outbox,
    IOptions<SlackOptions> options,
    TimeProvider timeProvider,
    ILogger<SlackOutboundDelivery> logger)
{
    public const string Channel = "slack";
    public const string SendScope = "slack.send";
    private const int BatchSize = 50;

    /// <summary>Posts <paramref name="message"/> unless already posted; returns the message ts, or null when another worker holds the claim.</summary>
    public async Task<string?> TryDeliverAsync(string idempotencyKey, SlackOutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (await idempotency.GetResultAsync(SendScope, idempotencyKey, cancellationToken) is { } done)
        {
            return done;
        }

        if (!await idempotency.TryClaimAsync(SendScope, idempotencyKey, options.Value.ProcessingLease, cancellationToken))
        {
            return await idempotency.GetResultAsync(SendScope, idempotencyKey, cancellationToken);
        }

        try
        {
            var installation = await installations.ResolveAsync(message.TeamId, cancellationToken)
                ?? throw new SlackApiException("chat.postMessage", "not_installed");
            var channel = message.Channel;
            if (channel.Length > 1 && channel[0] is 'U' or 'W')
            {
                channel = await api.OpenConversationAsync(installation.BotToken, [channel], cancellationToken);
            }

            var content = new SlackMessageContent(message.Text, JsonNode.Parse(message.Blocks) as JsonArray ?? []);
            var posted = await api.PostMessageAsync(installation.BotToken, channel, content, message.ThreadTs, cancellationToken);
            var result = posted.Channel + ":" + posted.Ts;
            await idempotency.CompleteAsync(SendScope, idempotencyKey, result, cancellationToken);
            return result;
        }
        catch
        {
            await idempotency.ReleaseAsync(SendScope, idempotencyKey, CancellationToken.None);
            throw;
        }
    }

    /// <summary>One pass of the dispatcher: attempts every due message; returns how many were delivered.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var delivered = 0;
        foreach (var queued in await outbox.GetDueAsync(Channel, BatchSize, cancellationToken))
        {
            SlackOutboundMessage? message;
            try
            {
                message = JsonSerializer.Deserialize<SlackOutboundMessage>(queued.Payload);
            }
            catch (JsonException)
            {
                message = null;
            }

            if (message is null)
            {
                await outbox.MarkFailedAsync(queued.Id, "unreadable payload", null, cancellationToken);
                continue;
            }

            try
            {
                if (await TryDeliverAsync(queued.IdempotencyKey, message, cancellationToken) is { } result)
                {
                    await outbox.MarkSentAsync(queued.Id, result, cancellationToken);
                    delivered++;
                }
            }
            catch (Exception ex) when (ex is SlackApiException or HttpRequestException or TimeoutException
                || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                var error = ex is SlackApiException slack ? slack.Error : ex.GetType().Name;
                var retryAt = NextAttempt(queued.Attempts + 1, ex as SlackApiException);
                await outbox.MarkFailedAsync(queued.Id, error, retryAt, cancellationToken);
                LogSendFailed(logger, queued.Id, error, retryAt);
            }
        }

        return delivered;
    }

    /// <summary>When to try again after <paramref name="attempts"/> failures: Retry-After or exponential backoff; null to give up.</summary>
    public DateTimeOffset? NextAttempt(int attempts, SlackApiException? failure)
    {
        var settings = options.Value;
        return SlackRetryDelay.NextAttempt(
            attempts, failure, settings.OutboxMaxAttempts, settings.OutboxRetryBaseDelay, settings.OutboxMaxRetryDelay, timeProvider.GetUtcNow());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack outbox message {Id} failed ({Error}); next attempt {RetryAt}")]
    private static partial void LogSendFailed(ILogger logger, long id, string error, DateTimeOffset? retryAt);
}
