using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FinOps.Slack.Security;

/// <summary>
/// Verifies the Slack signature of a request before anything reads its body as form or JSON.
/// Reads at most <see cref="SlackOptions.MaxRequestBodyBytes"/> raw bytes; anything unsigned, stale or too big stops here.
/// </summary>
public sealed partial class SlackSignatureFilter(IOptions<SlackOptions> options, TimeProvider timeProvider, ILogger<SlackSignatureFilter> logger)
    : IEndpointFilter
{
    public const string SignatureHeader = "X-Slack-Signature";
    public const string TimestampHeader = "X-Slack-Request-Timestamp";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var settings = options.Value;
        var secret = settings.SigningSecret;
        if (string.IsNullOrEmpty(secret))
        {
            return Results.NotFound();
        }

        string? timestamp = http.Request.Headers[TimestampHeader];
        string? signature = http.Request.Headers[SignatureHeader];
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            LogRejected(logger, http.Request.Path, "missing signature headers");
            return Results.Unauthorized();
        }

        var body = await ReadLimitedAsync(http.Request, settings.MaxRequestBodyBytes, http.RequestAborted);
        if (body is null)
        {
            LogRejected(logger, http.Request.Path, "body too large");
            return Results.BadRequest();
        }

        if (!SlackSignature.IsValid(secret, timestamp, signature, body, timeProvider.GetUtcNow()))
        {
            LogRejected(logger, http.Request.Path, "bad signature or stale timestamp");
            return Results.Unauthorized();
        }

        new SlackVerifiedBody(body).Attach(http);
        return await next(context);
    }

    /// <summary>The body, or null when it is longer than <paramref name="limit"/>.</summary>
    private static async Task<byte[]?> ReadLimitedAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(limit, 64 * 1024) + 1);
        try
        {
            using var copy = new MemoryStream();
            int read;
            while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (copy.Length + read > limit)
                {
                    return null;
                }

                copy.Write(buffer, 0, read);
            }

            return copy.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected Slack request to {Path}: {Reason}")]
    private static partial void LogRejected(ILogger logger, PathString path, string reason);
}
