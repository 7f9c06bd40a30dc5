using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FinOps.Teams.Activities;
using FinOps.Teams.Conversations;
using Microsoft.Extensions.Logging;

namespace FinOps.Teams.Connector;

/// <summary>
/// The Bot Connector v3 REST API (<c>{serviceUrl}/v3/conversations/...</c>) with a bearer token from
/// <see cref="IBotTokenProvider"/>. Retries of 429/412/502/504 live in the HttpClient's resilience
/// handler; pacing in <see cref="ConnectorRateLimiter"/>. A 403 BotNotInConversationRoster or 404
/// ConversationNotFound marks the conversation's reference stale and is not retried.
/// </summary>
public sealed partial class BotConnectorClient(
    HttpClient httpClient,
    IBotTokenProvider tokenProvider,
    ConnectorRateLimiter rateLimiter,
    IConversationReferenceStore references,
    TeamsDevelopmentMode developmentMode,
    ILogger<BotConnectorClient> logger)
{
    /// <summary>Posts <paramref name="activity"/> as a reply to <paramref name="replyToId"/> (threads in channels).</summary>
    public Task<ResourceResponse> ReplyToActivityAsync(ConnectorTarget target, string replyToId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(activity);
        activity.ReplyToId = replyToId;
        return SendAsync<ResourceResponse>(
            target, HttpMethod.Post, $"v3/conversations/{Escape(target.ConversationId)}/activities/{Escape(replyToId)}", activity, cancellationToken);
    }

    /// <summary>Posts <paramref name="activity"/> to the end of the conversation.</summary>
    public Task<ResourceResponse> SendToConversationAsync(ConnectorTarget target, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        return SendAsync<ResourceResponse>(
            target, HttpMethod.Post, $"v3/conversations/{Escape(target.ConversationId)}/activities", activity, cancellationToken);
    }

    /// <summary>Replaces an activity the bot sent (approval cards are updated in place).</summary>
    public Task<ResourceResponse> UpdateActivityAsync(ConnectorTarget target, string activityId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(activity);
        activity.Id = activityId;
        return SendAsync<ResourceResponse>(
            target, HttpMethod.Put, $"v3/conversations/{Escape(target.ConversationId)}/activities/{Escape(activityId)}", activity, cancellationToken);
    }

    /// <summary>Shows "typing..." while a slow answer is prepared.</summary>
    public Task SendTypingAsync(ConnectorTarget target, ChannelAccount? bot, CancellationToken cancellationToken) =>
        SendToConversationAsync(target, new Activity { Type = ActivityTypes.Typing, From = bot }, cancellationToken);

    /// <summary>
    /// Creates a conversation: a 1:1 chat with a user who has the app (members = that user), or a new
    /// thread in a channel (channelData.channel.id). Posting the first activity with it is optional.
    /// </summary>
    public Task<ConversationResourceResponse> CreateConversationAsync(
        string serviceUrl, string? tenantId, ConversationParameters parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var target = new ConnectorTarget(serviceUrl, "create:" + (tenantId ?? string.Empty), tenantId);
        return SendAsync<ConversationResourceResponse>(target, HttpMethod.Post, "v3/conversations", parameters, cancellationToken);
    }

    private static string Escape(string value) => Uri.EscapeDataString(value);

    private async Task<T> SendAsync<T>(ConnectorTarget target, HttpMethod method, string path, object? body, CancellationToken cancellationToken)
        where T : class
    {
        using var lease = await rateLimiter.AcquireAsync(target, cancellationToken);
        var token = await tokenProvider.GetTokenAsync(cancellationToken);
        var baseUri = new Uri(target.ServiceUrl.EndsWith('/') ? target.ServiceUrl : target.ServiceUrl + "/", UriKind.Absolute);
        if (token is null && (!baseUri.IsLoopback || !developmentMode.AllowsServiceUrl(target.ServiceUrl)))
        {
            // Without credentials (development mode) the bot talks to the configured local emulator only, never to a URL an activity named.
            throw new BotConnectorException(
                $"Teams:AppId is not configured: only Teams:DevelopmentServiceUrl ({developmentMode.ServiceUrl}) can be called in development mode, not {baseUri.GetLeftPart(UriPartial.Authority)}.");
        }

        using var request = new HttpRequestMessage(method, new Uri(baseUri, path))
        {
            Content = body is null ? null : JsonContent.Create(body, body.GetType(), options: TeamsJson.Options),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        using var response = await httpClient.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (string.IsNullOrWhiteSpace(text) && typeof(T) == typeof(ResourceResponse))
            {
                // Teams may accept a post with 202 and no body (no activity id): it was delivered, so it is a success,
                // not a failure to retry (a retry would post the message twice).
                return (T)(object)new ResourceResponse(null);
            }

            return (string.IsNullOrWhiteSpace(text) ? null : JsonSerializer.Deserialize<T>(text, TeamsJson.Options))
                ?? throw new BotConnectorException(response.StatusCode, null, "Bot Connector answered with an empty body.");
        }

        var errorCode = await ReadErrorCodeAsync(response, cancellationToken);
        var failure = new BotConnectorException(
            response.StatusCode, errorCode, $"Bot Connector {method} {path} failed: {(int)response.StatusCode} {errorCode}", RetryAfterOf(response));
        LogCallFailed(logger, method.Method, (int)response.StatusCode, errorCode);
        if (failure.ConversationGone && !target.ConversationId.StartsWith("create:", StringComparison.Ordinal))
        {
            await references.MarkStaleAsync(target.ConversationId, errorCode ?? response.StatusCode.ToString(), cancellationToken);
            LogMarkedStale(logger, errorCode);
        }

        throw failure;
    }

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response) =>
        response.Headers.RetryAfter is { } retryAfter
            ? retryAfter.Delta ?? (retryAfter.Date is { } date && response.Headers.Date is { } sent ? date - sent : null)
            : null;

    private static async Task<string?> ReadErrorCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            using var document = JsonDocument.Parse(text);
            return document.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("code", out var code)
                ? code.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot Connector {Method} failed with {StatusCode} {ErrorCode}")]
    private static partial void LogCallFailed(ILogger logger, string method, int statusCode, string? errorCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams conversation reference marked stale ({ErrorCode})")]
    private static partial void LogMarkedStale(ILogger logger, string? errorCode);
}
