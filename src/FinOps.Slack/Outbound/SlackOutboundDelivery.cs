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
    IWorkQueue outbox,
    IOptions<SlackOptions> options,
    TimeProvider timeProvider,
    ILogger<SlackOutboundDelivery> logger)
{
    public const string Channel = "slack";
    public const string SendScope = "slack.send";
    private const int BatchSize = 50;

    // How far back a re-send looks for its earlier post: the dispatcher retries within minutes, so the post, if Slack
    // took it, is among the channel's latest messages unless the channel is very busy.
    private const int LookBackMessages = 100;

    /// <summary>Posts <paramref name="message"/> unless already posted; returns the message ts, or null when another worker holds the claim.</summary>
    /// <param name="idempotencyKey">The outbox key; it travels in the post's message metadata.</param>
    /// <param name="message">What to post.</param>
    /// <param name="mayHavePosted">
    /// True when an earlier attempt may have reached Slack without us seeing its answer (a timeout, a crash): the channel is
    /// searched for a message carrying the key first, and a found one is recorded instead of posting again.
    /// </param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    public async Task<string?> TryDeliverAsync(string idempotencyKey, SlackOutboundMessage message, bool mayHavePosted, CancellationToken cancellationToken)
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

            var posted = mayHavePosted ? await FindEarlierPostAsync(installation.BotToken, channel, message.ThreadTs, idempotencyKey, cancellationToken) : null;
            if (posted is not null)
            {
                LogFoundEarlierPost(logger, idempotencyKey);
            }
            else
            {
                var content = new SlackMessageContent(message.Text, JsonNode.Parse(message.Blocks) as JsonArray ?? []);
                posted = await api.PostMessageAsync(installation.BotToken, channel, content, message.ThreadTs, idempotencyKey, cancellationToken);
            }

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
                // Whatever reaches the dispatcher was not confirmed by an earlier attempt (the sender's immediate one, or a
                // previous pass), and that attempt may have posted before its answer was lost.
                if (await TryDeliverAsync(queued.IdempotencyKey, message, mayHavePosted: true, cancellationToken) is { } result)
                {
                    await outbox.MarkSentAsync(queued.Id, result, cancellationToken);
                    delivered++;
                }
            }
            catch (Exception ex) when (ex is SlackApiException or HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException
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

    /// <summary>
    /// The earlier post carrying <paramref name="idempotencyKey"/>, or null. When Slack will not let us look (no history
    /// scope on an older install, not in the channel) we post: a possible duplicate beats a message never delivered.
    /// </summary>
    private async Task<SlackPostedMessage?> FindEarlierPostAsync(string token, string channel, string? threadTs, string idempotencyKey, CancellationToken cancellationToken)
    {
        try
        {
            return await api.FindPostedAsync(token, channel, threadTs, idempotencyKey, LookBackMessages, cancellationToken);
        }
        catch (SlackApiException ex) when (ex.Error != "ratelimited" && (int?)ex.StatusCode is not >= 500)
        {
            LogLookupFailed(logger, idempotencyKey, ex.Error);
            return null;
        }
    }

    /// <summary>When to try again after <paramref name="attempts"/> failures: Retry-After or exponential backoff; null to give up.</summary>
    public DateTimeOffset? NextAttempt(int attempts, SlackApiException? failure)
    {
        var settings = options.Value;
        return SlackRetryDelay.NextAttempt(
            attempts, failure, settings.OutboxMaxAttempts, settings.OutboxRetryBaseDelay, settings.OutboxMaxRetryDelay, timeProvider.GetUtcNow());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack outbox message {Key} was posted by an earlier attempt; not posted again")]
    private static partial void LogFoundEarlierPost(ILogger logger, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look for an earlier post of Slack outbox message {Key} ({Error}); posting it")]
    private static partial void LogLookupFailed(ILogger logger, string key, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack outbox message {Id} failed ({Error}); next attempt {RetryAt}")]
    private static partial void LogSendFailed(ILogger logger, long id, string error, DateTimeOffset? retryAt);
}
