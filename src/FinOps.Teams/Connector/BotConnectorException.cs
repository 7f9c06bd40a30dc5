using System.Net;

namespace FinOps.Teams.Connector;

/// <summary>The Bot Connector refused a call; <see cref="ErrorCode"/> is the service's error code (e.g. <c>BotNotInConversationRoster</c>).</summary>
public sealed class BotConnectorException : Exception
{
    public BotConnectorException()
    {
    }

    public BotConnectorException(string message)
        : base(message)
    {
    }

    public BotConnectorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BotConnectorException(HttpStatusCode statusCode, string? errorCode, string message)
        : base(message)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
    }

    public BotConnectorException(HttpStatusCode statusCode, string? errorCode, string message, TimeSpan? retryAfter)
        : this(statusCode, errorCode, message)
    {
        RetryAfter = retryAfter;
    }

    public HttpStatusCode StatusCode { get; }

    /// <summary>How long the connector asked us to wait (Retry-After of a 429 or 503), when it said.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>
    /// The connector will answer the same way however often it is asked: the conversation is gone, or the request itself
    /// was refused (4xx other than 408, 412 and 429). Not retried.
    /// </summary>
    public bool IsPermanent =>
        ConversationGone
        || ((int)StatusCode is >= 400 and < 500
            && StatusCode is not (HttpStatusCode.RequestTimeout or HttpStatusCode.PreconditionFailed or HttpStatusCode.TooManyRequests));

    public string? ErrorCode { get; }

    /// <summary>The bot can no longer post there: removed from the conversation (403) or the conversation is gone (404).</summary>
    public bool ConversationGone =>
        (StatusCode == HttpStatusCode.Forbidden && ErrorCode is "BotNotInConversationRoster" or "ConversationBlockedByUser")
        || (StatusCode == HttpStatusCode.NotFound && ErrorCode is "ConversationNotFound");
}
