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

    public HttpStatusCode StatusCode { get; }

    public string? ErrorCode { get; }

    /// <summary>The bot can no longer post there: removed from the conversation (403) or the conversation is gone (404).</summary>
    public bool ConversationGone =>
        (StatusCode == HttpStatusCode.Forbidden && ErrorCode is "BotNotInConversationRoster" or "ConversationBlockedByUser")
        || (StatusCode == HttpStatusCode.NotFound && ErrorCode is "ConversationNotFound");
}
