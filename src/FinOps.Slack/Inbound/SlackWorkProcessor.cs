using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Messaging;
using FinOps.Core.Reliability;
using FinOps.Slack.AppHome;
using FinOps.Slack.BlockKit;
using FinOps.Slack.Installation;
using FinOps.Slack.WebApi;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FinOps.Slack.Inbound;

/// <summary>
/// Does the work behind an acknowledged Slack request: asks the channel-neutral conversation service and answers in Slack.
/// Every side effect is guarded by an <see cref="IIdempotencyStore"/> claim, so retries and double clicks answer once,
/// and a claim is released on failure so a later delivery can still be processed.
/// </summary>
/// <remarks>
/// A claim held but not completed (a concurrent worker, or one that died mid-way) yields <see cref="SlackWorkOutcome.Claimed"/>
/// instead of skipping the work: the inbox tries again after the lease, when a dead worker's claim has expired.
/// Every completion stores a non-null result, which is how a completed key is told apart from a held one.
/// A conversation failure that a retry would repeat is answered with an error card instead of failing the attempt
/// (see <c>AnswerOrErrorCardAsync</c>); only transient failures leave the work to the inbox's retries.
/// </remarks>
public sealed partial class SlackWorkProcessor(
    IConversationService conversation,
    IBlockKitRenderer renderer,
    SlackApiClient api,
    SlackInstallationResolver installations,
    ISlackInstallationStore installationStore,
    IIdempotencyStore idempotency,
    SlackUserDirectory users,
    SlackAppHomeHandler appHome,
    IOptions<SlackOptions> options,
    ILogger<SlackWorkProcessor> logger)
{
    public const string EventScope = "slack.event";
    public const string MessageScope = "slack.message";
    public const string CommandScope = "slack.command";
    public const string ActionScope = "slack.action";

    private const string Completed = "done";

    // How far back a re-answer looks for its earlier post: retries come within minutes, so the answer, if Slack took it,
    // is among the channel's (or thread's) latest messages unless the channel is very busy.
    private const int LookBackMessages = 100;

    public Task<SlackWorkOutcome> ProcessAsync(SlackWorkItem item, CancellationToken cancellationToken) =>
        ProcessAsync(item, mayHaveAnswered: false, cancellationToken);

    /// <summary>Does <paramref name="item"/>'s work.</summary>
    /// <param name="item">The stored work.</param>
    /// <param name="mayHaveAnswered">
    /// True when an earlier attempt may have posted the answer without its outcome being recorded (it failed or its worker
    /// died): before answering a message again the channel is searched for an answer carrying the message's key in its
    /// metadata, and a found one is recorded instead of posting again.
    /// </param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    public Task<SlackWorkOutcome> ProcessAsync(SlackWorkItem item, bool mayHaveAnswered, CancellationToken cancellationToken) => item switch
    {
        SlackEventWork work => ProcessEventAsync(work, mayHaveAnswered, cancellationToken),
        SlackCommandWork work => ProcessCommandAsync(work.Command, cancellationToken),
        SlackInteractionWork work => ProcessInteractionAsync(work.Payload, cancellationToken),
        SlackViewSubmissionWork work => ProcessViewSubmissionAsync(work.Payload, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(item), item.GetType().Name, "Unknown Slack work item."),
    };

    private async Task<SlackWorkOutcome> ProcessEventAsync(SlackEventWork work, bool mayHaveAnswered, CancellationToken cancellationToken)
    {
        var ev = work.Event;
        switch (Str(ev, "type"))
        {
            case "app_uninstalled":
                await RemoveInstallationAsync(work.TeamId, "app_uninstalled", cancellationToken);
                return SlackWorkOutcome.Done;
            case "tokens_revoked":
                if (ev.TryGetProperty("tokens", out var tokens) && tokens.TryGetProperty("bot", out var bot)
                    && bot.ValueKind == JsonValueKind.Array && bot.GetArrayLength() > 0)
                {
                    await RemoveInstallationAsync(work.TeamId, "tokens_revoked", cancellationToken);
                }

                return SlackWorkOutcome.Done;
            case "app_home_opened":
                return await appHome.HandleAsync(work, cancellationToken);
            default:
                return await AnswerMessageAsync(work, mayHaveAnswered, cancellationToken);
        }
    }

    private async Task<SlackWorkOutcome> AnswerMessageAsync(SlackEventWork work, bool mayHaveAnswered, CancellationToken cancellationToken)
    {
        var ev = work.Event;
        var channel = Str(ev, "channel")!;
        var ts = Str(ev, "ts")!;
        var userId = Str(ev, "user")!;
        var installation = await installations.ResolveAsync(work.TeamId, cancellationToken);
        if (installation is null)
        {
            LogNoInstallation(logger, work.TeamId);
            return SlackWorkOutcome.Done;
        }

        var botUserId = work.BotUserId ?? NullIfEmpty(installation.BotUserId);
        if (userId == botUserId)
        {
            return SlackWorkOutcome.Done;
        }

        var lease = options.Value.ProcessingLease;
        if (!await idempotency.TryClaimAsync(EventScope, work.EventId, lease, cancellationToken))
        {
            return await HeldOrDoneAsync(EventScope, work.EventId, cancellationToken);
        }

        var messageKey = work.TeamId + ":" + channel + ":" + ts;
        if (!await idempotency.TryClaimAsync(MessageScope, messageKey, lease, cancellationToken))
        {
            // Another event for the same message (e.g. a mention in a DM) is answering or has answered it.
            var done = await HeldOrDoneAsync(MessageScope, messageKey, cancellationToken);
            await (done == SlackWorkOutcome.Done
                ? idempotency.CompleteAsync(EventScope, work.EventId, Completed, cancellationToken)
                : idempotency.ReleaseAsync(EventScope, work.EventId, cancellationToken));
            return done;
        }

        try
        {
            var threadTs = Str(ev, "thread_ts");
            var answerKey = MessageScope + ":" + messageKey;
            if (mayHaveAnswered && await FindEarlierAnswerAsync(installation.BotToken, channel, threadTs, answerKey, cancellationToken) is { } earlier)
            {
                LogFoundEarlierAnswer(logger, channel, earlier.Ts);
                await idempotency.CompleteAsync(MessageScope, messageKey, earlier.Ts, cancellationToken);
                await idempotency.CompleteAsync(EventScope, work.EventId, earlier.Ts, cancellationToken);
                return SlackWorkOutcome.Done;
            }

            var question = SlackMessageText.ToQuestion(Str(ev, "text")!, botUserId);
            var user = await users.GetAsync(api, installation.BotToken, work.TeamId, userId, null, cancellationToken);
            var incoming = new IncomingMessage(
                question.Length == 0 ? "help" : question,
                user,
                new ConversationAddress("slack", channel, work.TeamId, threadTs));
            var card = await AnswerOrErrorCardAsync(() => conversation.AnswerAsync(incoming, cancellationToken), "message", channel);
            // The message's key travels in the answer's metadata, so a retry can find this answer if its outcome is lost.
            var posted = await api.PostMessageAsync(installation.BotToken, channel, renderer.Render(card), threadTs, answerKey, cancellationToken);
            await idempotency.CompleteAsync(MessageScope, messageKey, posted.Ts, cancellationToken);
            await idempotency.CompleteAsync(EventScope, work.EventId, posted.Ts, cancellationToken);
            LogAnswered(logger, card.Kind, channel, posted.Ts);
            return SlackWorkOutcome.Done;
        }
        catch
        {
            await ReleaseQuietlyAsync(MessageScope, messageKey);
            await ReleaseQuietlyAsync(EventScope, work.EventId);
            throw;
        }
    }

    /// <summary>
    /// The earlier answer carrying <paramref name="answerKey"/>, or null. When Slack will not let us look (no history scope on
    /// an older install, not in the channel) we answer: a possible duplicate beats a question never answered.
    /// </summary>
    private async Task<SlackPostedMessage?> FindEarlierAnswerAsync(string token, string channel, string? threadTs, string answerKey, CancellationToken cancellationToken)
    {
        try
        {
            return await api.FindPostedAsync(token, channel, threadTs, answerKey, LookBackMessages, cancellationToken);
        }
        catch (SlackApiException ex) when (ex.Error != "ratelimited" && (int?)ex.StatusCode is not >= 500)
        {
            LogLookupFailed(logger, channel, ex.Error);
            return null;
        }
    }

    private async Task<SlackWorkOutcome> ProcessCommandAsync(SlackSlashCommand command, CancellationToken cancellationToken)
    {
        var key = command.TriggerId;
        if (key is not null && !await idempotency.TryClaimAsync(CommandScope, key, options.Value.ProcessingLease, cancellationToken))
        {
            return await HeldOrDoneAsync(CommandScope, key, cancellationToken);
        }

        try
        {
            var (question, share) = SlackCommandText.Parse(command.Text, options.Value.EffectiveShareKeywords);
            var installation = await installations.ResolveAsync(command.TeamId, cancellationToken);
            var user = installation is null
                ? new ChatUser("slack", command.UserId, command.UserName)
                : await users.GetAsync(api, installation.BotToken, command.TeamId, command.UserId, command.UserName, cancellationToken);
            var incoming = new IncomingMessage(question, user, new ConversationAddress("slack", command.ChannelId, command.TeamId));
            var card = await AnswerOrErrorCardAsync(() => conversation.AnswerAsync(incoming, cancellationToken), "command", command.ChannelId);
            if (question == "help")
            {
                card = card with { Blocks = [.. card.Blocks, new ContextBlock(ShareHint(command.Command))] };
            }
            var body = ResponseBody(renderer.Render(card));
            body["response_type"] = share ? "in_channel" : "ephemeral";
            await api.RespondAsync(CheckResponseUrl(command.ResponseUrl), body, cancellationToken);
            if (key is not null)
            {
                await idempotency.CompleteAsync(CommandScope, key, share ? "in_channel" : "ephemeral", cancellationToken);
            }

            LogAnswered(logger, card.Kind, command.ChannelId, share ? "in_channel" : "ephemeral");
            return SlackWorkOutcome.Done;
        }
        catch when (key is not null)
        {
            await ReleaseQuietlyAsync(CommandScope, key);
            throw;
        }
    }

    private async Task<SlackWorkOutcome> ProcessInteractionAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        var action = payload.GetProperty("actions")[0];
        // The renderer suffixes repeated action ids within a block ("id#2"); the neutral id is the part before it.
        var actionId = BlockKitRenderer.NeutralActionId(Str(action, "action_id") ?? string.Empty);
        var value = Str(action, "value") ?? string.Empty;
        var container = payload.TryGetProperty("container", out var c) ? c : default;
        var message = payload.TryGetProperty("message", out var m) ? m : default;
        var channelId = Str(Obj(payload, "channel"), "id") ?? Str(container, "channel_id") ?? string.Empty;
        var teamId = Str(Obj(payload, "team"), "id") ?? Str(Obj(payload, "user"), "team_id") ?? string.Empty;
        var messageTs = Str(container, "message_ts") ?? Str(message, "ts");
        var ephemeral = container.ValueKind == JsonValueKind.Object && container.TryGetProperty("is_ephemeral", out var e) && e.ValueKind == JsonValueKind.True;
        var responseUrl = Uri.TryCreate(Str(payload, "response_url"), UriKind.Absolute, out var url) ? url : null;
        var userJson = Obj(payload, "user");
        var userId = Str(userJson, "id") ?? string.Empty;

        // Per person and typed input: on a card several people may click (an approval in a channel), and a click refused for
        // a missing reason is tried again with one; neither may be swallowed as a repeat of the first.
        var inputs = ReadInputs(payload);
        var typed = string.Join("\n", inputs.OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => i.Key + "=" + i.Value));
        var key = Hash(channelId + "\n" + (messageTs ?? Str(action, "action_ts")) + "\n" + actionId + "\n" + value + "\n" + userId + "\n" + typed);
        if (!await idempotency.TryClaimAsync(ActionScope, key, options.Value.ProcessingLease, cancellationToken))
        {
            return await HeldOrDoneAsync(ActionScope, key, cancellationToken);
        }

        try
        {
            var installation = await installations.ResolveAsync(teamId, cancellationToken);
            var knownName = Str(userJson, "name") ?? Str(userJson, "username");
            var user = installation is null
                ? new ChatUser("slack", userId, knownName)
                : await users.GetAsync(api, installation.BotToken, teamId, userId, knownName, cancellationToken);
            var invoked = new CardActionInvoked(
                actionId,
                ReadPayload(value),
                inputs,
                user,
                new ConversationAddress("slack", channelId, teamId, Str(message, "thread_ts")),
                messageTs);
            var card = await AnswerOrErrorCardAsync(() => conversation.HandleActionAsync(invoked, cancellationToken), "action", channelId);
            var content = renderer.Render(card);
            if (CardReply.IsForm(card) && installation is not null && Str(payload, "trigger_id") is { Length: > 0 } trigger
                && SlackFormView.Create(card, content, channelId, messageTs) is { } view)
            {
                await api.OpenViewAsync(installation.BotToken, trigger, view, cancellationToken);
            }
            else if (CardReply.IsPrivate(card))
            {
                await ReplyPrivatelyAsync(installation, channelId, userId, Str(message, "thread_ts"), responseUrl, content, cancellationToken);
            }
            else
            {
                await UpdateInPlaceAsync(installation, channelId, messageTs, ephemeral, responseUrl, content, cancellationToken);
            }

            await idempotency.CompleteAsync(ActionScope, key, messageTs ?? Completed, cancellationToken);
            LogActionHandled(logger, actionId, channelId);
            return SlackWorkOutcome.Done;
        }
        catch
        {
            await ReleaseQuietlyAsync(ActionScope, key);
            throw;
        }
    }

    /// <summary>A submitted form modal: the neutral click of the form's submit button, answered privately to the submitter.</summary>
    private async Task<SlackWorkOutcome> ProcessViewSubmissionAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        var view = Obj(payload, "view");
        if (!SlackFormView.TryRead(Str(view, "private_metadata"), out var actionId, out var actionPayload, out var channelId, out var messageTs))
        {
            return SlackWorkOutcome.Done;
        }

        var teamId = Str(Obj(payload, "team"), "id") ?? Str(Obj(payload, "user"), "team_id") ?? string.Empty;
        var userJson = Obj(payload, "user");
        var userId = Str(userJson, "id") ?? string.Empty;
        var key = Hash("view\n" + Str(view, "id") + "\n" + Str(view, "hash") + "\n" + userId);
        if (!await idempotency.TryClaimAsync(ActionScope, key, options.Value.ProcessingLease, cancellationToken))
        {
            return await HeldOrDoneAsync(ActionScope, key, cancellationToken);
        }

        try
        {
            var installation = await installations.ResolveAsync(teamId, cancellationToken);
            var knownName = Str(userJson, "name") ?? Str(userJson, "username");
            var user = installation is null
                ? new ChatUser("slack", userId, knownName)
                : await users.GetAsync(api, installation.BotToken, teamId, userId, knownName, cancellationToken);
            var invoked = new CardActionInvoked(actionId, actionPayload, ReadInputs(view), user, new ConversationAddress("slack", channelId, teamId), messageTs);
            var content = renderer.Render(await AnswerOrErrorCardAsync(() => conversation.HandleActionAsync(invoked, cancellationToken), "view", channelId));
            await ReplyPrivatelyAsync(installation, channelId, userId, null, null, content, cancellationToken);
            await idempotency.CompleteAsync(ActionScope, key, Completed, cancellationToken);
            LogActionHandled(logger, actionId, channelId);
            return SlackWorkOutcome.Done;
        }
        catch
        {
            await ReleaseQuietlyAsync(ActionScope, key);
            throw;
        }
    }

    /// <summary>An answer only the clicking person sees: through response_url when there is one, else chat.postEphemeral.</summary>
    private async Task ReplyPrivatelyAsync(
        SlackInstallation? installation, string channelId, string userId, string? threadTs, Uri? responseUrl, SlackMessageContent content, CancellationToken cancellationToken)
    {
        if (responseUrl is not null)
        {
            var body = ResponseBody(content);
            body["response_type"] = "ephemeral";
            body["replace_original"] = false;
            await api.RespondAsync(CheckResponseUrl(responseUrl), body, cancellationToken);
            return;
        }

        if (installation is null || channelId.Length == 0 || userId.Length == 0)
        {
            throw new SlackApiException("chat.postEphemeral", "no_way_to_reply");
        }

        await api.PostEphemeralAsync(installation.BotToken, channelId, userId, content, threadTs, cancellationToken);
    }

    /// <summary>chat.update for a bot message everyone sees; response_url with replace_original for ephemeral ones or when chat.update cannot.</summary>
    private async Task UpdateInPlaceAsync(
        SlackInstallation? installation, string channelId, string? messageTs, bool ephemeral, Uri? responseUrl, SlackMessageContent content, CancellationToken cancellationToken)
    {
        if (!ephemeral && installation is not null && messageTs is not null && channelId.Length > 0)
        {
            try
            {
                await api.UpdateMessageAsync(installation.BotToken, channelId, messageTs, content, cancellationToken);
                return;
            }
            catch (SlackApiException ex) when (ex.IsPermanent && responseUrl is not null)
            {
                LogUpdateFallback(logger, ex.Error);
            }
        }

        if (responseUrl is null)
        {
            throw new SlackApiException("chat.update", "no_way_to_update");
        }

        var body = ResponseBody(content);
        body["replace_original"] = true;
        await api.RespondAsync(CheckResponseUrl(responseUrl), body, cancellationToken);
    }

    /// <summary>response_url must be Slack's (https, *.slack.com / *.slack-gov.com) or the configured stand-in Slack.</summary>
    private Uri CheckResponseUrl(Uri responseUrl)
    {
        var apiBase = options.Value.ApiBaseUrl;
        var slackHost = responseUrl.Scheme == Uri.UriSchemeHttps
            && (responseUrl.Host.EndsWith(".slack.com", StringComparison.OrdinalIgnoreCase) || responseUrl.Host.EndsWith(".slack-gov.com", StringComparison.OrdinalIgnoreCase));
        var standIn = string.Equals(responseUrl.GetLeftPart(UriPartial.Authority), apiBase.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase);
        return slackHost || standIn ? responseUrl : throw new SlackApiException("response_url", "untrusted_response_url");
    }

    private async Task RemoveInstallationAsync(string teamId, string reason, CancellationToken cancellationToken)
    {
        var removed = await installationStore.DeleteAsync(teamId, cancellationToken);
        LogUninstalled(logger, teamId, reason, removed);
    }

    /// <summary>
    /// The conversation's card, or an error card when the conversation failed in a way a retry would only repeat (a bug or
    /// a question it cannot digest): the user is told once, and the work counts as done instead of failing every attempt.
    /// Failures that may pass (timeouts, network, a busy store, Slack's 429/5xx) propagate, so the inbox retries them.
    /// </summary>
    private async Task<Card> AnswerOrErrorCardAsync(Func<Task<Card>> answer, string kind, string channel)
    {
        try
        {
            return await answer();
        }
        catch (Exception ex) when (!IsTransient(ex))
        {
            LogAnswerFailed(logger, kind, channel, ex);
            return ConversationService.ErrorCard(
                $"Sorry, I could not answer that: it made me fail ({ex.GetType().Name}), and trying again would fail the same way. "
                + "Try asking in other words, or type \"help\" to see what I can answer.");
        }
    }

    private static bool IsTransient(Exception exception) => exception is OperationCanceledException or TimeoutException or HttpRequestException
        or IOException or DbException or Polly.Timeout.TimeoutRejectedException or SlackApiException { IsPermanent: false };

    /// <summary>After a failed claim: done when the key was completed, else held by another attempt that may have died.</summary>
    private async Task<SlackWorkOutcome> HeldOrDoneAsync(string scope, string key, CancellationToken cancellationToken)
    {
        if (await idempotency.GetResultAsync(scope, key, cancellationToken) is not null)
        {
            LogDuplicate(logger, scope, key);
            return SlackWorkOutcome.Done;
        }

        LogClaimHeld(logger, scope, key);
        return SlackWorkOutcome.Claimed;
    }

    private async Task ReleaseQuietlyAsync(string scope, string key)
    {
        try
        {
            // Not the work's token: the claim must be given back even when the work was cancelled.
            await idempotency.ReleaseAsync(scope, key, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogReleaseFailed(logger, scope, ex);
        }
    }

    private static JsonObject ResponseBody(SlackMessageContent content) => new()
    {
        ["text"] = content.Text,
        ["blocks"] = content.Blocks.DeepClone(),
    };

    /// <summary>The button value: the card action's payload as a compact JSON object of strings.</summary>
    private static Dictionary<string, string> ReadPayload(string value)
    {
        var payload = new Dictionary<string, string>(StringComparer.Ordinal);
        if (value.Length == 0)
        {
            return payload;
        }

        try
        {
            using var document = JsonDocument.Parse(value);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    payload[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                }

                return payload;
            }
        }
        catch (JsonException)
        {
            // Not one of our JSON payloads: hand the raw value over.
        }

        payload["value"] = value;
        return payload;
    }

    /// <summary>Text inputs from <c>state.values</c> (block id -> action id -> element), keyed by the element's action id.</summary>
    private static Dictionary<string, string> ReadInputs(JsonElement payload)
    {
        var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!payload.TryGetProperty("state", out var state) || !state.TryGetProperty("values", out var values) || values.ValueKind != JsonValueKind.Object)
        {
            return inputs;
        }

        foreach (var block in values.EnumerateObject())
        {
            if (block.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var element in block.Value.EnumerateObject())
            {
                var input = element.Value;
                var text = Str(input, "value")
                    ?? Str(Obj(input, "selected_option"), "value")
                    ?? Str(input, "selected_date");
                if (text is not null)
                {
                    inputs[element.Name] = text;
                }
            }
        }

        return inputs;
    }

    /// <summary>The Slack-only part of help: how to share an answer with the channel.</summary>
    private string ShareHint(string command) =>
        $"Answers are visible only to you. To post one to the channel: `{command} {options.Value.EffectiveShareKeywords[0]} <question>` or `{command} <question> {SlackCommandText.ShareFlag}`.";

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static JsonElement Obj(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Object ? value : default;

    private static string? Str(JsonElement element, string property) => SlackInboundDispatcher.GetString(element, property);

    [LoggerMessage(Level = LogLevel.Information, Message = "An earlier attempt answered in {Channel} ({Ts}); not answered again")]
    private static partial void LogFoundEarlierAnswer(ILogger logger, string channel, string ts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look for an earlier answer in {Channel} ({Error}); answering")]
    private static partial void LogLookupFailed(ILogger logger, string channel, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Answered with {Kind} card in {Channel} ({Result})")]
    private static partial void LogAnswered(ILogger logger, string kind, string channel, string result);

    [LoggerMessage(Level = LogLevel.Information, Message = "Skipped duplicate {Scope} {Key}")]
    private static partial void LogDuplicate(ILogger logger, string scope, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Scope} {Key} is being handled by another attempt; trying again after its lease")]
    private static partial void LogClaimHeld(ILogger logger, string scope, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Handled action {ActionId} in {Channel}")]
    private static partial void LogActionHandled(ILogger logger, string actionId, string channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "chat.update failed with {Error}; replacing through response_url")]
    private static partial void LogUpdateFallback(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No Slack installation or bot token for team {TeamId}; message not answered")]
    private static partial void LogNoInstallation(ILogger logger, string teamId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack team {TeamId}: {Reason}, installation removed: {Removed}")]
    private static partial void LogUninstalled(ILogger logger, string teamId, string reason, bool removed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Answering a Slack {Kind} in {Channel} failed for good; answered with an error card instead")]
    private static partial void LogAnswerFailed(ILogger logger, string kind, string channel, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release idempotency claim {Scope}")]
    private static partial void LogReleaseFailed(ILogger logger, string scope, Exception exception);
}
