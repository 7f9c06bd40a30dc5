using System.Net;
using System.Text;
using System.Text.Json;

namespace FinOps.Slack.WebApi;

/// <summary>
/// Turns Slack's HTTP 200 <c>{"ok":false,"error":"ratelimited"}</c> into a 429 so the resilience handler above it
/// waits Retry-After and retries exactly as for a real 429.
/// </summary>
public sealed class SlackRateLimitedHandler : DelegatingHandler
{
    private static readonly byte[] Marker = Encoding.UTF8.GetBytes("\"ratelimited\"");
    private const int MaxInspectedBytes = 64 * 1024;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK
            || response.Content.Headers.ContentType?.MediaType != "application/json"
            || response.Content.Headers.ContentLength > MaxInspectedBytes)
        {
            return response;
        }

        await response.Content.LoadIntoBufferAsync(MaxInspectedBytes, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (bytes.AsSpan().IndexOf(Marker) >= 0 && IsRateLimited(bytes))
        {
            response.StatusCode = HttpStatusCode.TooManyRequests;
        }

        return response;
    }

    private static bool IsRateLimited(byte[] bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.False
                && root.TryGetProperty("error", out var error) && error.ValueEquals("ratelimited");
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
