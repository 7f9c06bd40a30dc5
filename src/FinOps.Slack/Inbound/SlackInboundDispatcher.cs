using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace FinOps.Slack.Inbound;

/// <summary>
/// Transport-neutral front door: the HTTP endpoints and Socket Mode hand it what Slack sent; it filters what the bot
/// must not answer (its own and other bots' messages, subtypes) and stores the rest in the durable <see cref="SlackInbox"/>,
/// so acknowledging never waits for work and never happens before the work is safe.
/// </summary>
/// <remarks>
/// <see cref="SlackDispatchResult.Accepted"/> means stored (or stored earlier by a previous delivery of the same event,
/// command or click); when the store fails the result is <see cref="SlackDispatchResult.Busy"/> and the transport must not
/// acknowledge, so Slack delivers again.
/// </remarks>
public sealed partial class SlackInboundDispatcher(SlackInbox inbox, ILogger<SlackInboundDispatcher> logger)
{
    /// <summary>Dispatches an Events API <c>event_callback</c> envelope.</summary>
    public async ValueTask<SlackDispatchResult> DispatchEventAsync(JsonElement envelope, CancellationToken cancellationToken)
    {
        if (envelope.ValueKind != JsonValueKind.Object || GetString(envelope, "type") is not { } type)
        {
            return SlackDispatchResult.Invalid;
        }

        if (type != "event_callback")
        {
            return SlackDispatchResult.Ignored;
        }

        var teamId = GetString(envelope, "team_id");
        var eventId = GetString(envelope, "event_id");
        if (teamId is null || eventId is null || !envelope.TryGetProperty("event", out var ev) || ev.ValueKind != JsonValueKind.Object
            || GetString(ev, "type") is not { } eventType)
        {
            return SlackDispatchResult.Invalid;
        }

        var botUserId = BotUserIdOf(envelope);
        var wanted = eventType switch
        {
            "app_mention" => IsUserMessage(ev, botUserId),
            "message" => GetString(ev, "channel_type") == "im" && IsUserMessage(ev, botUserId),
            "app_uninstalled" or "tokens_revoked" => true,
            "app_home_opened" => GetString(ev, "user") is { } user && user != botUserId,
            _ => false,
        };
        if (!wanted)
        {
            LogIgnored(logger, eventType, eventId);
            return SlackDispatchResult.Ignored;
        }

        // event_id is the same on every retry of an event, so a retry after a crash finds the stored work.
        return await StoreAsync("event:" + teamId + ":" + eventId, new SlackEventWork(teamId, eventId, botUserId, ev.Clone()), cancellationToken);
    }

    /// <summary>Dispatches a slash command.</summary>
    public ValueTask<SlackDispatchResult> DispatchCommandAsync(SlackSlashCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);

        // trigger_id identifies one invocation; its response_url is just as unique when a stand-in Slack sends no trigger.
        var key = "command:" + (command.TriggerId ?? Hash(command.ResponseUrl.AbsoluteUri));
        return StoreAsync(key, new SlackCommandWork(command), cancellationToken);
    }

    /// <summary>Dispatches an interaction payload; only <c>block_actions</c> with at least one action is handled.</summary>
    public async ValueTask<SlackDispatchResult> DispatchInteractionAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        if (payload.ValueKind != JsonValueKind.Object || GetString(payload, "type") is not { } type)
        {
            return SlackDispatchResult.Invalid;
        }

        if (type == "view_submission")
        {
            return await DispatchViewSubmissionAsync(payload, cancellationToken);
        }

        if (type != "block_actions")
        {
            LogIgnored(logger, type, string.Empty);
            return SlackDispatchResult.Ignored;
        }

        if (!payload.TryGetProperty("actions", out var actions) || actions.ValueKind != JsonValueKind.Array || actions.GetArrayLength() == 0)
        {
            return SlackDispatchResult.Invalid;
        }

        // One key per click (trigger_id, else the action's own timestamp): a second click is its own delivery, and the
        // processor's per-action claim decides whether it changes anything, so a failed first click never blocks a later one.
        var action = actions[0];
        var click = GetString(payload, "trigger_id")
            ?? Hash(GetString(action, "action_id") + "\n" + GetString(action, "action_ts") + "\n" + GetString(action, "value"));
        return await StoreAsync("interaction:" + click, new SlackInteractionWork(payload.Clone()), cancellationToken);
    }

    /// <summary>A form modal submitted: stored like a click (the modal closes on the empty 200); other modals are ignored.</summary>
    private async ValueTask<SlackDispatchResult> DispatchViewSubmissionAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        if (!payload.TryGetProperty("view", out var view) || view.ValueKind != JsonValueKind.Object)
        {
            return SlackDispatchResult.Invalid;
        }

        if (GetString(view, "callback_id") != BlockKit.SlackFormView.CallbackId)
        {
            LogIgnored(logger, "view_submission", GetString(view, "callback_id") ?? string.Empty);
            return SlackDispatchResult.Ignored;
        }

        // One submission per view id and state hash: Slack's retry of the same submission is stored once.
        var submission = Hash((GetString(view, "id") ?? string.Empty) + "\n" + (GetString(view, "hash") ?? string.Empty));
        return await StoreAsync("view:" + submission, new SlackViewSubmissionWork(payload.Clone()), cancellationToken);
    }

    private async ValueTask<SlackDispatchResult> StoreAsync(string key, SlackWorkItem item, CancellationToken cancellationToken)
    {
        try
        {
            if (!await inbox.StoreAsync(key, item, cancellationToken))
            {
                LogAlreadyStored(logger, item.GetType().Name);
            }

            return SlackDispatchResult.Accepted;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Not stored: acknowledging now would lose the work, so Slack is left to deliver it again.
            LogStoreFailed(logger, item.GetType().Name, ex);
            return SlackDispatchResult.Busy;
        }
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>A person's plain message: no bot author, no subtype (edits, joins, bot_message), not from the bot itself.</summary>
    private static bool IsUserMessage(JsonElement ev, string? botUserId) =>
        !ev.TryGetProperty("bot_id", out _)
        && !ev.TryGetProperty("subtype", out _)
        && GetString(ev, "user") is { } user
        && user != botUserId
        && GetString(ev, "channel") is not null
        && GetString(ev, "ts") is not null
        && GetString(ev, "text") is not null;

    private static string? BotUserIdOf(JsonElement envelope)
    {
        if (!envelope.TryGetProperty("authorizations", out var authorizations) || authorizations.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var authorization in authorizations.EnumerateArray())
        {
            if (authorization.ValueKind == JsonValueKind.Object
                && authorization.TryGetProperty("is_bot", out var isBot) && isBot.ValueKind == JsonValueKind.True)
            {
                return GetString(authorization, "user_id");
            }
        }

        return null;
    }

    internal static string? GetString(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignored Slack {Type} {EventId}")]
    private static partial void LogIgnored(ILogger logger, string type, string eventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack {Item} already in the inbox (a redelivery); acknowledged again")]
    private static partial void LogAlreadyStored(ILogger logger, string item);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not store Slack {Item} in the inbox; not acknowledged so Slack delivers it again")]
    private static partial void LogStoreFailed(ILogger logger, string item, Exception exception);
}
