using System.Net;

namespace FinOps.Slack.WebApi;

/// <summary>A Slack Web API call failed: <see cref="Error"/> is Slack's error code (<c>channel_not_found</c>, <c>ratelimited</c>, <c>http_503</c>).</summary>
public sealed class SlackApiException : Exception
{
    /// <summary>Error codes after which retrying the same call can never succeed.</summary>
    private static readonly HashSet<string> PermanentErrors = new(StringComparer.Ordinal)
    {
        "account_inactive", "channel_not_found", "invalid_auth", "invalid_blocks", "invalid_arguments",
        "is_archived", "msg_too_long", "no_text", "not_authed", "not_in_channel", "restricted_action",
        "token_revoked", "token_expired", "missing_scope", "invalid_code", "bad_redirect_uri", "user_not_found",
        "cant_update_message", "message_not_found", "edit_window_closed", "no_permission", "team_access_not_granted",
        // Our own refusal to post to a response_url outside Slack: the stored payload will name the same host next time.
        "untrusted_response_url",
    };

    public SlackApiException()
        : this("unknown", "unknown_error")
    {
    }

    public SlackApiException(string message)
        : this("unknown", message)
    {
    }

    public SlackApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Method = "unknown";
        Error = "unknown_error";
    }

    public SlackApiException(string method, string error, HttpStatusCode? statusCode = null, TimeSpan? retryAfter = null)
        : base($"Slack API {method} failed: {error}")
    {
        Method = method;
        Error = error;
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    /// <summary>The Web API method, e.g. <c>chat.postMessage</c>.</summary>
    public string Method { get; }

    /// <summary>Slack's error code.</summary>
    public string Error { get; }

    public HttpStatusCode? StatusCode { get; }

    /// <summary>Slack's Retry-After when it rate-limited the call.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>True when retrying later cannot help (bad token, unknown channel, invalid blocks).</summary>
    public bool IsPermanent => PermanentErrors.Contains(Error);
}
