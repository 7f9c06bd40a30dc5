using System.Net;

namespace FinOps.Slack.WebApi;

/// <summary>How long Slack asked us to wait before retrying (Retry-After), bounded so one call never waits forever.</summary>
public static class SlackRetryDelay
{
    /// <summary>The Retry-After of <paramref name="response"/> capped at <paramref name="max"/>, or null when Slack sent none.</summary>
    public static TimeSpan? FromRetryAfter(HttpResponseMessage? response, DateTimeOffset now, TimeSpan max)
    {
        var retryAfter = response?.Headers.RetryAfter;
        if (retryAfter is null)
        {
            return null;
        }

        var delay = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - now : TimeSpan.Zero);
        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }

        return delay > max ? max : delay;
    }

    /// <summary>
    /// When a queued piece of Slack work should be tried again after <paramref name="attempts"/> failures:
    /// exponential backoff from <paramref name="baseDelay"/> capped at <paramref name="maxDelay"/>, or Slack's
    /// Retry-After when longer; null to give up (too many attempts, or an error Slack will answer the same way again).
    /// </summary>
    public static DateTimeOffset? NextAttempt(
        int attempts, SlackApiException? failure, int maxAttempts, TimeSpan baseDelay, TimeSpan maxDelay, DateTimeOffset now)
    {
        if (attempts >= maxAttempts || failure?.IsPermanent == true)
        {
            return null;
        }

        var backoff = baseDelay * Math.Pow(2, Math.Min(attempts - 1, 16));
        if (backoff > maxDelay)
        {
            backoff = maxDelay;
        }

        if (failure?.RetryAfter is { } retryAfter && retryAfter > backoff)
        {
            backoff = retryAfter;
        }

        return now + backoff;
    }

    /// <summary>True for answers worth retrying: 429 (including <c>ok:false ratelimited</c>), 408 and 5xx.</summary>
    public static bool IsTransient(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = (int)response.StatusCode;
        return response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || status >= 500;
    }
}
