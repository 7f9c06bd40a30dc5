using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace FinOps.Slack.Inbound;

/// <summary>
/// Transport-neutral front door: the HTTP endpoints and Socket Mode hand it what Slack sent; it filters what the bot
/// must not answer (its own and other bots' messages, subtypes) and queues the rest, so acknowledging never waits for work.
/// </summary>
public sealed partial class SlackInboundDispatcher(SlackWorkBacklog queue, ILogger<SlackInboundDispatcher> logger)
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
            _ => false,
        };
        if (!wanted)
        {
            LogIgnored(logger, eventType, eventId);
            return SlackDispatchResult.Ignored;
        }

        return await EnqueueAsync(new SlackEventWork(teamId, eventId, botUserId, ev.Clone()), cancellationToken);
    }

    /// <summary>Dispatches a slash command.</summary>
    public ValueTask<SlackDispatchResult> DispatchCommandAsync(SlackSlashCommand command, CancellationToken cancellationToken) =>
        EnqueueAsync(new SlackCommandWork(command), cancellationToken);

    /// <summary>Dispatches an interaction payload; only <c>block_actions</c> with at least one action is handled.</summary>
    public async ValueTask<SlackDispatchResult> DispatchInteractionAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        if (payload.ValueKind != JsonValueKind.Object || GetString(payload, "type") is not { } type)
        {
            return SlackDispatchResult.Invalid;
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

        return await EnqueueAsync(new SlackInteractionWork(payload.Clone()), cancellationToken);
    }

    private async ValueTask<SlackDispatchResult> EnqueueAsync(SlackWorkItem item, CancellationToken cancellationToken)
    {
        if (await queue.TryEnqueueAsync(item, cancellationToken))
        {
            return SlackDispatchResult.Accepted;
        }

        LogQueueFull(logger, item.GetType().Name);
        return SlackDispatchResult.Busy;
    }

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack work queue full; {Item} refused so Slack retries later")]
    private static partial void LogQueueFull(ILogger logger, string item);
}
