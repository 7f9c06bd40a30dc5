using System.Text.Json;
using FinOps.Teams.Connector;

namespace FinOps.Teams.Delivery;

/// <summary>When queued Teams work is tried again, and which failures are not worth trying again.</summary>
public static class TeamsRetryDelay
{
    /// <summary>
    /// True for failures a retry would meet again: the conversation is gone (403 roster / 404), the connector refused the
    /// request itself (other 4xx), there is no usable reference (not installed, or removed), or the stored work is unreadable.
    /// </summary>
    public static bool IsPermanent(Exception failure) =>
        failure is BotConnectorException { IsPermanent: true } or InvalidOperationException or JsonException or NotSupportedException;

    /// <summary>
    /// The next attempt after <paramref name="attempts"/> failures: exponential backoff from the base delay capped at the
    /// maximum, or the connector's Retry-After when longer; null to give up (too many attempts or a permanent failure).
    /// </summary>
    public static DateTimeOffset? NextAttempt(int attempts, Exception failure, TeamsDeliveryOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(options);
        if (attempts >= options.MaxAttempts || IsPermanent(failure))
        {
            return null;
        }

        var backoff = options.RetryBaseDelay * Math.Pow(2, Math.Min(attempts - 1, 16));
        if (backoff > options.MaxRetryDelay)
        {
            backoff = options.MaxRetryDelay;
        }

        if (failure is BotConnectorException { RetryAfter: { } retryAfter } && retryAfter > backoff)
        {
            backoff = retryAfter;
        }

        return now + backoff;
    }

    /// <summary>What the dead-letter list shows for <paramref name="failure"/>: the connector's error code, else the status or type.</summary>
    public static string Describe(Exception failure) => failure switch
    {
        BotConnectorException { ErrorCode: { } code } => code,
        BotConnectorException { StatusCode: not 0 } connector => ((int)connector.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
        InvalidOperationException => failure.Message,
        _ => failure.GetType().Name,
    };
}
