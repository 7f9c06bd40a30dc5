using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FinOps.Slack.BlockKit;

namespace FinOps.Slack.WebApi;

/// <summary>
/// Typed client of Slack's Web API. Retries of 429/5xx (honouring Retry-After) come from the resilience handler
/// configured in <see cref="SlackServiceCollectionExtensions.AddSlack"/>; Slack's <c>ok:false</c> answers surface as
/// <see cref="SlackApiException"/>. Tokens travel only in the Authorization header and are never logged.
/// </summary>
public sealed class SlackApiClient(HttpClient httpClient, SlackPostPacer pacer, TimeProvider timeProvider)
{
    /// <summary>The message metadata <c>event_type</c> of posts that carry their outbox idempotency key.</summary>
    public const string DeliveryEventType = "finops_delivery";

    /// <summary>chat.postMessage: posts to a channel (or thread), paced per channel.</summary>
    public Task<SlackPostedMessage> PostMessageAsync(string token, string channel, SlackMessageContent content, string? threadTs, CancellationToken cancellationToken) =>
        PostMessageAsync(token, channel, content, threadTs, null, cancellationToken);

    /// <summary>
    /// chat.postMessage carrying <paramref name="idempotencyKey"/> in the message metadata
    /// (<c>{"event_type":"finops_delivery","event_payload":{"idempotency_key":...}}</c>), so
    /// <see cref="FindPostedAsync"/> can tell later whether a post whose answer was lost reached the channel.
    /// </summary>
    public async Task<SlackPostedMessage> PostMessageAsync(
        string token, string channel, SlackMessageContent content, string? threadTs, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var body = MessageBody(content);
        body["channel"] = channel;
        if (!string.IsNullOrEmpty(threadTs))
        {
            body["thread_ts"] = threadTs;
        }

        if (!string.IsNullOrEmpty(idempotencyKey))
        {
            body["metadata"] = new JsonObject
            {
                ["event_type"] = DeliveryEventType,
                ["event_payload"] = new JsonObject { ["idempotency_key"] = idempotencyKey },
            };
        }

        using (await pacer.WaitTurnAsync(channel, cancellationToken))
        {
            var result = await CallJsonAsync("chat.postMessage", token, body, cancellationToken);
            return new SlackPostedMessage(GetString(result, "channel") ?? channel, GetString(result, "ts") ?? throw MissingField("chat.postMessage", "ts"));
        }
    }

    /// <summary>
    /// The message posted with <paramref name="idempotencyKey"/> in its metadata among the latest <paramref name="limit"/>
    /// messages of <paramref name="channel"/> (conversations.history) or of the thread <paramref name="threadTs"/>
    /// (conversations.replies), both with <c>include_all_metadata</c>; null when none carries it.
    /// </summary>
    public async Task<SlackPostedMessage?> FindPostedAsync(
        string token, string channel, string? threadTs, string idempotencyKey, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        var form = new List<KeyValuePair<string, string>>
        {
            new("channel", channel),
            new("include_all_metadata", "true"),
            new("limit", limit.ToString(CultureInfo.InvariantCulture)),
        };
        var method = "conversations.history";
        if (!string.IsNullOrEmpty(threadTs))
        {
            method = "conversations.replies";
            form.Add(new("ts", threadTs));
        }

        var result = await CallFormAsync(method, Bearer(token), form, cancellationToken);
        if (!result.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var message in messages.EnumerateArray())
        {
            if (message.ValueKind == JsonValueKind.Object
                && message.TryGetProperty("metadata", out var metadata)
                && GetString(metadata, "event_type") == DeliveryEventType
                && metadata.TryGetProperty("event_payload", out var payload)
                && GetString(payload, "idempotency_key") == idempotencyKey
                && GetString(message, "ts") is { } ts)
            {
                return new SlackPostedMessage(channel, ts);
            }
        }

        return null;
    }

    /// <summary>views.publish: sets the App Home tab <paramref name="view"/> (<c>{"type":"home","blocks":[...]}</c>) of <paramref name="userId"/>.</summary>
    public async Task PublishViewAsync(string token, string userId, JsonObject view, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentNullException.ThrowIfNull(view);
        await CallJsonAsync("views.publish", token, new JsonObject { ["user_id"] = userId, ["view"] = view.DeepClone() }, cancellationToken);
    }

    /// <summary>views.open: shows the modal <paramref name="view"/> to the user whose click gave <paramref name="triggerId"/> (valid for 3 seconds).</summary>
    public async Task OpenViewAsync(string token, string triggerId, JsonObject view, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(triggerId);
        ArgumentNullException.ThrowIfNull(view);
        await CallJsonAsync("views.open", token, new JsonObject { ["trigger_id"] = triggerId, ["view"] = view.DeepClone() }, cancellationToken);
    }

    /// <summary>chat.update: replaces a message the bot posted.</summary>
    public async Task<SlackPostedMessage> UpdateMessageAsync(string token, string channel, string ts, SlackMessageContent content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var body = MessageBody(content);
        body["channel"] = channel;
        body["ts"] = ts;
        var result = await CallJsonAsync("chat.update", token, body, cancellationToken);
        return new SlackPostedMessage(GetString(result, "channel") ?? channel, GetString(result, "ts") ?? ts);
    }

    /// <summary>chat.postEphemeral: a message only <paramref name="user"/> sees; returns its <c>message_ts</c>.</summary>
    public async Task<string> PostEphemeralAsync(string token, string channel, string user, SlackMessageContent content, string? threadTs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var body = MessageBody(content);
        body["channel"] = channel;
        body["user"] = user;
        if (!string.IsNullOrEmpty(threadTs))
        {
            body["thread_ts"] = threadTs;
        }

        using (await pacer.WaitTurnAsync(channel, cancellationToken))
        {
            var result = await CallJsonAsync("chat.postEphemeral", token, body, cancellationToken);
            return GetString(result, "message_ts") ?? throw MissingField("chat.postEphemeral", "message_ts");
        }
    }

    /// <summary>conversations.open: the DM channel id with one or more users.</summary>
    public async Task<string> OpenConversationAsync(string token, IReadOnlyList<string> users, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(users);
        var body = new JsonObject { ["users"] = string.Join(',', users) };
        var result = await CallJsonAsync("conversations.open", token, body, cancellationToken);
        return result.TryGetProperty("channel", out var channel) && channel.ValueKind == JsonValueKind.Object
            ? GetString(channel, "id") ?? throw MissingField("conversations.open", "channel.id")
            : throw MissingField("conversations.open", "channel");
    }

    /// <summary>users.info: name and email of a user (form-encoded; the method takes no JSON).</summary>
    public async Task<SlackUserInfo> GetUserInfoAsync(string token, string user, CancellationToken cancellationToken)
    {
        var result = await CallFormAsync("users.info", Bearer(token), [new("user", user)], cancellationToken);
        if (!result.TryGetProperty("user", out var u) || u.ValueKind != JsonValueKind.Object)
        {
            throw MissingField("users.info", "user");
        }

        string? email = null;
        string? realName = GetString(u, "real_name");
        if (u.TryGetProperty("profile", out var profile) && profile.ValueKind == JsonValueKind.Object)
        {
            email = GetString(profile, "email");
            realName ??= GetString(profile, "real_name");
        }

        var isBot = u.TryGetProperty("is_bot", out var bot) && bot.ValueKind == JsonValueKind.True;
        return new SlackUserInfo(GetString(u, "id") ?? user, GetString(u, "name"), realName, email, isBot);
    }

    /// <summary>
    /// The v2 upload: files.getUploadURLExternal, the bytes POSTed to the returned URL, then files.completeUploadExternal
    /// sharing the file into <paramref name="channel"/>. Returns the file id.
    /// </summary>
    public async Task<string> UploadFileAsync(
        string token, string channel, string fileName, ReadOnlyMemory<byte> content, string? title, string? initialComment, string? threadTs, CancellationToken cancellationToken)
    {
        var ticket = await CallFormAsync(
            "files.getUploadURLExternal",
            Bearer(token),
            [new("filename", fileName), new("length", content.Length.ToString(CultureInfo.InvariantCulture))],
            cancellationToken);
        var uploadUrl = GetString(ticket, "upload_url") ?? throw MissingField("files.getUploadURLExternal", "upload_url");
        var fileId = GetString(ticket, "file_id") ?? throw MissingField("files.getUploadURLExternal", "file_id");

        using (var bytes = new ReadOnlyMemoryContent(content))
        {
            bytes.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var upload = await httpClient.PostAsync(new Uri(uploadUrl, UriKind.Absolute), bytes, cancellationToken);
            if (!upload.IsSuccessStatusCode)
            {
                throw new SlackApiException("files.upload", "http_" + ((int)upload.StatusCode).ToString(CultureInfo.InvariantCulture), upload.StatusCode);
            }
        }

        var files = new JsonArray { new JsonObject { ["id"] = fileId, ["title"] = title ?? fileName } };
        var form = new List<KeyValuePair<string, string>> { new("files", files.ToJsonString()), new("channel_id", channel) };
        if (!string.IsNullOrEmpty(initialComment))
        {
            form.Add(new("initial_comment", initialComment));
        }

        if (!string.IsNullOrEmpty(threadTs))
        {
            form.Add(new("thread_ts", threadTs));
        }

        await CallFormAsync("files.completeUploadExternal", Bearer(token), form, cancellationToken);
        return fileId;
    }

    /// <summary>apps.connections.open: a fresh Socket Mode WebSocket URL for the app-level token.</summary>
    public async Task<Uri> OpenSocketConnectionAsync(string appToken, CancellationToken cancellationToken)
    {
        var result = await CallFormAsync("apps.connections.open", Bearer(appToken), [], cancellationToken);
        var url = GetString(result, "url") ?? throw MissingField("apps.connections.open", "url");
        return new Uri(url, UriKind.Absolute);
    }

    /// <summary>oauth.v2.access: exchanges an install's temporary code for the bot token (client credentials in Basic auth).</summary>
    public async Task<SlackOAuthAccess> ExchangeOAuthCodeAsync(string clientId, string clientSecret, string code, Uri? redirectUri, CancellationToken cancellationToken)
    {
        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(clientId + ":" + clientSecret)));
        var form = new List<KeyValuePair<string, string>> { new("code", code) };
        if (redirectUri is not null)
        {
            form.Add(new("redirect_uri", redirectUri.AbsoluteUri));
        }

        var result = await CallFormAsync("oauth.v2.access", basic, form, cancellationToken);
        var team = result.TryGetProperty("team", out var t) && t.ValueKind == JsonValueKind.Object ? t : default;
        var enterprise = result.TryGetProperty("enterprise", out var e) && e.ValueKind == JsonValueKind.Object ? e : default;
        var authedUser = result.TryGetProperty("authed_user", out var a) && a.ValueKind == JsonValueKind.Object ? a : default;
        return new SlackOAuthAccess(
            GetString(result, "access_token") ?? throw MissingField("oauth.v2.access", "access_token"),
            GetString(result, "bot_user_id") ?? throw MissingField("oauth.v2.access", "bot_user_id"),
            GetString(result, "app_id") ?? string.Empty,
            team.ValueKind == JsonValueKind.Object ? GetString(team, "id") ?? throw MissingField("oauth.v2.access", "team.id") : throw MissingField("oauth.v2.access", "team"),
            GetString(team, "name"),
            enterprise.ValueKind == JsonValueKind.Object ? GetString(enterprise, "id") : null,
            GetString(result, "scope") ?? string.Empty,
            authedUser.ValueKind == JsonValueKind.Object ? GetString(authedUser, "id") : null);
    }

    /// <summary>Posts to an interaction's or command's <c>response_url</c> (no token; the URL is the credential).</summary>
    public async Task RespondAsync(Uri responseUrl, JsonObject body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(responseUrl);
        using var content = JsonContent.Create(body);
        using var response = await httpClient.PostAsync(responseUrl, content, cancellationToken);
        await ReadResultAsync("response_url", response, allowPlainOk: true, cancellationToken);
    }

    private static JsonObject MessageBody(SlackMessageContent content) => new()
    {
        ["text"] = content.Text,
        ["blocks"] = content.Blocks.DeepClone(),
    };

    private async Task<JsonElement> CallJsonAsync(string method, string token, JsonObject body, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        using var request = new HttpRequestMessage(HttpMethod.Post, method) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = Bearer(token);
        using var response = await httpClient.SendAsync(request, cancellationToken);
        return await ReadResultAsync(method, response, allowPlainOk: false, cancellationToken);
    }

    private async Task<JsonElement> CallFormAsync(string method, AuthenticationHeaderValue authorization, IEnumerable<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, method) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = authorization;
        using var response = await httpClient.SendAsync(request, cancellationToken);
        return await ReadResultAsync(method, response, allowPlainOk: false, cancellationToken);
    }

    private async Task<JsonElement> ReadResultAsync(string method, HttpResponseMessage response, bool allowPlainOk, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var wait = SlackRetryDelay.FromRetryAfter(response, timeProvider.GetUtcNow(), TimeSpan.MaxValue);
            throw new SlackApiException(method, "ratelimited", response.StatusCode, wait);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new SlackApiException(method, "http_" + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), response.StatusCode);
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (allowPlainOk && response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            // Older response_url answers are a bare "ok"; anything else is an error code in plain text.
            return text.Trim() is "ok" or "" ? default : throw new SlackApiException(method, text.Trim());
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(text);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new SlackApiException(method, "invalid_response", response.StatusCode);
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("ok", out var ok))
        {
            throw new SlackApiException(method, "invalid_response", response.StatusCode);
        }

        if (ok.ValueKind != JsonValueKind.True)
        {
            throw new SlackApiException(method, GetString(root, "error") ?? "unknown_error", response.StatusCode);
        }

        return root;
    }

    private static AuthenticationHeaderValue Bearer(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        return new AuthenticationHeaderValue("Bearer", token);
    }

    private static string? GetString(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static SlackApiException MissingField(string method, string field) => new(method, "missing_" + field.Replace('.', '_'));
}
