using System.Text.Json.Nodes;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Messaging;
using FinOps.Core.Reliability;
using FinOps.Teams.Cards;
using FinOps.Teams.Connector;
using FinOps.Teams.Conversations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FinOps.Teams.Activities;

/// <summary>
/// Turns authenticated activities into calls of the channel-neutral conversation: messages (with the
/// bot's @mention removed), Action.Execute invokes and Action.Submit messages, and install / uninstall
/// events that keep the conversation references for proactive messages, and the team and channel updates that keep
/// the team's channels (ids and names) for posts to a channel named in the rules file.
/// </summary>
public sealed partial class TeamsActivityHandler(
    IConversationService conversation,
    IAdaptiveCardRenderer renderer,
    BotConnectorClient connector,
    IConversationReferenceStore references,
    ITeamsChannelStore channels,
    IIdempotencyStore idempotency,
    TeamsBackgroundWork background,
    IHostApplicationLifetime lifetime,
    IOptions<TeamsOptions> options,
    TimeProvider timeProvider,
    ILogger<TeamsActivityHandler> logger)
{
    public const string Channel = "teams";

    /// <summary>Key of the action id in Action.Submit data (the Adaptive Card renderer's fallback buttons).</summary>
    public const string SubmitVerbKey = "verb";

    public const string ActionIdempotencyScope = "teams.card-action";

    public const string WelcomeIdempotencyScope = "teams.welcome";

    private static readonly TimeSpan ActionLease = TimeSpan.FromMinutes(5);

    public async Task<TeamsActivityResult> HandleAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        switch (activity.Type)
        {
            case ActivityTypes.Message:
                await RememberAsync(activity, cancellationToken);
                return await OnMessageAsync(activity, cancellationToken);
            case ActivityTypes.ConversationUpdate:
                await OnConversationUpdateAsync(activity, cancellationToken);
                return TeamsActivityResult.Ok;
            case ActivityTypes.InstallationUpdate:
                await OnInstallationUpdateAsync(activity, cancellationToken);
                return TeamsActivityResult.Ok;
            case ActivityTypes.Invoke when activity.Name == ActivityTypes.AdaptiveCardActionInvoke:
                return await OnAdaptiveCardActionAsync(activity, cancellationToken);
            case ActivityTypes.Invoke:
                // Invokes the bot does not implement are answered 501, as Bot Framework SDKs do.
                return new TeamsActivityResult(501);
            default:
                return TeamsActivityResult.Ok;
        }
    }

    /// <summary>The message text with the bot's own &lt;at&gt;mention&lt;/at&gt; removed, using the mention entities.</summary>
    public static string RemoveBotMention(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var text = activity.Text ?? string.Empty;
        foreach (var entity in activity.Entities ?? [])
        {
            if ((string?)entity["type"] != "mention"
                || entity["mentioned"]?["id"]?.GetValue<string>() is not { } mentionedId
                || !string.Equals(mentionedId, activity.Recipient?.Id, StringComparison.Ordinal))
            {
                continue;
            }

            if (entity["text"]?.GetValue<string>() is { Length: > 0 } mentionText)
            {
                text = text.Replace(mentionText, string.Empty, StringComparison.Ordinal);
            }
        }

        return text.Replace("&nbsp;", " ", StringComparison.Ordinal).Trim();
    }

    /// <summary>The reference to keep for proactive messages to the activity's conversation.</summary>
    public TeamsConversationReference? ReferenceOf(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Conversation?.Id is not { } conversationId || activity.ServiceUrl is not { } serviceUrl)
        {
            return null;
        }

        return new TeamsConversationReference(
            conversationId,
            serviceUrl,
            activity.Conversation.ConversationType,
            TenantOf(activity),
            activity.Recipient?.Id,
            activity.From?.Id,
            activity.From?.AadObjectId,
            activity.ChannelData?["team"]?["id"]?.GetValue<string>(),
            activity.ChannelData?["channel"]?["id"]?.GetValue<string>(),
            timeProvider.GetUtcNow());
    }

    private static string? TenantOf(Activity activity) =>
        activity.Conversation?.TenantId ?? activity.ChannelData?["tenant"]?["id"]?.GetValue<string>();

    private static ChannelAccount? BotOf(Activity activity) =>
        activity.Recipient?.Id is { } botId ? ChannelAccount.Bot(botId, activity.Recipient.Name) : null;

    private static ConnectorTarget TargetOf(Activity activity) =>
        new(activity.ServiceUrl!, activity.Conversation!.Id!, TenantOf(activity));

    private static ChatUser UserOf(Activity activity) =>
        new(Channel, activity.From?.Id ?? string.Empty, activity.From?.Name, AadObjectId: activity.From?.AadObjectId);

    private static ConversationAddress AddressOf(Activity activity) =>
        new(Channel, activity.Conversation?.Id ?? string.Empty, TenantOf(activity));

    private static bool HasAddress(Activity activity) =>
        activity.ServiceUrl is not null && activity.Conversation?.Id is not null;

    private async Task RememberAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (ReferenceOf(activity) is { } reference)
        {
            await references.StoreAsync(reference, cancellationToken);
        }
    }

    private async Task OnConversationUpdateAsync(Activity activity, CancellationToken cancellationToken)
    {
        var botId = activity.Recipient?.Id;
        if (botId is null || activity.Conversation?.Id is not { } conversationId)
        {
            return;
        }

        if (activity.MembersRemoved?.Any(m => m.Id == botId) == true)
        {
            await references.RemoveAsync(conversationId, cancellationToken);
            LogReference(logger, "removed", activity.Conversation.ConversationType);
            await TrackTeamAsync(activity, TeamChange.BotRemoved, cancellationToken);
        }
        else if (activity.MembersAdded?.Any(m => m.Id == botId) == true)
        {
            await RememberAsync(activity, cancellationToken);
            await TrackTeamAsync(activity, TeamChange.BotAdded, cancellationToken);
            LogReference(logger, "stored", activity.Conversation.ConversationType);
            await WelcomeAsync(activity, cancellationToken);
        }
        else
        {
            await TrackTeamAsync(activity, TeamChange.FromEvent, cancellationToken);
        }
    }

    private async Task OnInstallationUpdateAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (activity.Conversation?.Id is not { } conversationId)
        {
            return;
        }

        if (activity.Action?.StartsWith("remove", StringComparison.Ordinal) == true)
        {
            await references.RemoveAsync(conversationId, cancellationToken);
            LogReference(logger, "removed", activity.Conversation.ConversationType);
            await TrackTeamAsync(activity, TeamChange.BotRemoved, cancellationToken);
        }
        else if (activity.Action?.StartsWith("add", StringComparison.Ordinal) == true)
        {
            await RememberAsync(activity, cancellationToken);
            await TrackTeamAsync(activity, TeamChange.BotAdded, cancellationToken);
            LogReference(logger, "stored", activity.Conversation.ConversationType);
            await WelcomeAsync(activity, cancellationToken);
        }
    }

    /// <summary>
    /// Posts the welcome card once per personal conversation: Teams sends both a conversationUpdate and an
    /// installationUpdate on install, and may repeat them, so the conversation id is claimed first.
    /// </summary>
    private async Task WelcomeAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (activity.Conversation?.ConversationType != "personal" || !HasAddress(activity))
        {
            return;
        }

        var key = activity.Conversation.Id!;
        if (!await idempotency.TryClaimAsync(WelcomeIdempotencyScope, key, ActionLease, cancellationToken))
        {
            return;
        }

        try
        {
            if (await conversation.WelcomeAsync(AddressOf(activity), cancellationToken) is not { } card)
            {
                await idempotency.ReleaseAsync(WelcomeIdempotencyScope, key, CancellationToken.None);
                return;
            }

            var welcome = CardActivity(renderer.Render(card));
            welcome.From = BotOf(activity);
            await connector.SendToConversationAsync(TargetOf(activity), welcome, cancellationToken);
            await idempotency.CompleteAsync(WelcomeIdempotencyScope, key, "sent", cancellationToken);
            LogWelcomed(logger);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await idempotency.ReleaseAsync(WelcomeIdempotencyScope, key, CancellationToken.None);
            LogWelcomeFailed(logger, ex);
        }
        catch
        {
            await idempotency.ReleaseAsync(WelcomeIdempotencyScope, key, CancellationToken.None);
            throw;
        }
    }

    private async Task<TeamsActivityResult> OnMessageAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (!HasAddress(activity))
        {
            return new TeamsActivityResult(400);
        }

        if (activity.Value is JsonObject submitted && submitted[SubmitVerbKey] is JsonValue verbNode && verbNode.TryGetValue<string>(out var verb))
        {
            return await OnSubmitAsync(activity, verb, submitted, cancellationToken);
        }

        var text = RemoveBotMention(activity);
        if (text.Length == 0)
        {
            return TeamsActivityResult.Ok;
        }

        var message = new IncomingMessage(text, UserOf(activity), AddressOf(activity));
        var stopping = lifetime.ApplicationStopping;
        await RunWithinBudgetAsync(
            new TeamsQueuedWork(TeamsQueuedWork.Answer, activity),
            () => conversation.AnswerAsync(message, stopping),
            card => ReplyAsync(activity, card, stopping),
            cancellationToken);
        return TeamsActivityResult.Ok;
    }

    /// <summary>Action.Submit from clients without Universal Actions: the card is updated in place when Teams says which message held it.</summary>
    private async Task<TeamsActivityResult> OnSubmitAsync(Activity activity, string verb, JsonObject data, CancellationToken cancellationToken)
    {
        var invoked = ActionOf(activity, verb, data);
        var stopping = lifetime.ApplicationStopping;
        await RunWithinBudgetAsync(
            new TeamsQueuedWork(TeamsQueuedWork.Submit, activity),
            () => RunActionOnceAsync(invoked, stopping),
            outcome => DeliverSubmitOutcomeAsync(activity, outcome, stopping),
            cancellationToken);
        return TeamsActivityResult.Ok;
    }

    private async Task DeliverSubmitOutcomeAsync(Activity activity, ActionOutcome outcome, CancellationToken cancellationToken)
    {
        if (outcome.Card is null)
        {
            return;
        }

        var reply = CardActivity(outcome.Card);
        if (activity.ReplyToId is { } cardMessageId)
        {
            await connector.UpdateActivityAsync(TargetOf(activity), cardMessageId, reply, cancellationToken);
        }
        else
        {
            await connector.SendToConversationAsync(TargetOf(activity), reply, cancellationToken);
        }
    }

    private static string? VerbOf(JsonObject? data, string name) =>
        data?[name] is JsonValue node && node.TryGetValue<string>(out var verb) ? verb : null;

    private async Task DeliverInvokeOutcomeAsync(Activity activity, ActionOutcome outcome, CancellationToken cancellationToken)
    {
        if (outcome.Card is not null && activity.ReplyToId is { } cardMessageId)
        {
            await connector.UpdateActivityAsync(TargetOf(activity), cardMessageId, CardActivity(outcome.Card), cancellationToken);
        }
    }

    /// <summary>
    /// Does slow work stored by an earlier process (or whose first computation failed) again from the stored activity:
    /// answers the question, or runs the card action (once: a completed action returns its stored card) and delivers its card.
    /// </summary>
    public async Task ResumeAsync(TeamsQueuedWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var activity = work.Activity;
        if (!HasAddress(activity))
        {
            throw new InvalidOperationException("The stored Teams activity has no service URL or conversation.");
        }

        var submitted = activity.Value as JsonObject;
        var action = submitted?["action"] as JsonObject;
        switch (work.Kind)
        {
            case TeamsQueuedWork.Answer:
                var message = new IncomingMessage(RemoveBotMention(activity), UserOf(activity), AddressOf(activity));
                await ReplyAsync(activity, await conversation.AnswerAsync(message, cancellationToken), cancellationToken);
                break;
            case TeamsQueuedWork.Submit when VerbOf(submitted, SubmitVerbKey) is { } submitVerb:
                await DeliverSubmitOutcomeAsync(activity, await RunActionOnceAsync(ActionOf(activity, submitVerb, submitted), cancellationToken), cancellationToken);
                break;
            case TeamsQueuedWork.Invoke when VerbOf(action, "verb") is { } invokeVerb:
                await DeliverInvokeOutcomeAsync(activity, await RunActionOnceAsync(ActionOf(activity, invokeVerb, action!["data"] as JsonObject), cancellationToken), cancellationToken);
                break;
            default:
                throw new InvalidOperationException($"Stored Teams work of kind '{work.Kind}' cannot be resumed.");
        }
    }

    private async Task<TeamsActivityResult> OnAdaptiveCardActionAsync(Activity activity, CancellationToken cancellationToken)
    {
        var action = activity.Value?["action"] as JsonObject;
        if (action is null || (string?)action["type"] != "Action.Execute" || action["verb"] is not JsonValue verbNode
            || !verbNode.TryGetValue<string>(out var verb) || !HasAddress(activity))
        {
            return InvokeError(400, "BadRequest", "The invoke carries no Action.Execute with a verb.");
        }

        var invoked = ActionOf(activity, verb, action["data"] as JsonObject);
        var stopping = lifetime.ApplicationStopping;
        try
        {
            if (CardRefresh.IsView(verb))
            {
                // A refresh shows the current state to this user: never cached per message (each user gets their own card).
                return InvokeCard(renderer.Render(await conversation.HandleActionAsync(invoked, cancellationToken)));
            }

            var (done, work) = await WaitWithinAsync(() => RunActionOnceAsync(invoked, stopping), options.Value.InvokeAnswerBudget, cancellationToken);
            if (done)
            {
                var outcome = await work;
                return outcome.Card is { } card
                    ? InvokeCard(card)
                    : InvokeMessage("This action is already being processed.");
            }

            // Teams gives an invoke a few seconds; the refreshed card follows as an update when the work ends.
            await background.EnqueueAsync(
                new TeamsQueuedWork(TeamsQueuedWork.Invoke, activity),
                async ct => await DeliverInvokeOutcomeAsync(activity, await work, ct),
                cancellationToken);
            return InvokeMessage("Working on it; the card will update when done.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogActionFailed(logger, verb, ex);
            return InvokeError(500, "InternalServerError", "The action failed.");
        }
    }

    /// <summary>Runs a card action once per message and action: a second click returns the card stored by the first.</summary>
    private async Task<ActionOutcome> RunActionOnceAsync(CardActionInvoked invoked, CancellationToken cancellationToken)
    {
        await Task.Yield();
        // The payload is part of the key: one card can hold several buttons with the same action id (drill-downs, ask-back choices).
        var key = $"{invoked.Conversation.Id}|{invoked.MessageId}|{invoked.ActionId}|{PayloadDigest(invoked.Payload)}";
        if (!await idempotency.TryClaimAsync(ActionIdempotencyScope, key, ActionLease, cancellationToken))
        {
            var stored = await idempotency.GetResultAsync(ActionIdempotencyScope, key, cancellationToken);
            LogDuplicateAction(logger, invoked.ActionId);
            return new ActionOutcome(stored is null ? null : JsonNode.Parse(stored) as JsonObject);
        }

        try
        {
            var card = await conversation.HandleActionAsync(invoked, cancellationToken);
            var rendered = renderer.Render(card);
            if (CardReply.IsPrivate(card))
            {
                // A private reply (a refusal) is for this person only and changed nothing: the next person's click must run.
                await idempotency.ReleaseAsync(ActionIdempotencyScope, key, CancellationToken.None);
                return new ActionOutcome(rendered);
            }

            await idempotency.CompleteAsync(ActionIdempotencyScope, key, rendered.ToJsonString(), cancellationToken);
            return new ActionOutcome(rendered);
        }
        catch
        {
            await idempotency.ReleaseAsync(ActionIdempotencyScope, key, CancellationToken.None);
            throw;
        }
    }

    private static string PayloadDigest(IReadOnlyDictionary<string, string> payload)
    {
        var canonical = string.Join('\n', payload.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical)))[..32];
    }

    private async Task RunWithinBudgetAsync<T>(TeamsQueuedWork slow, Func<Task<T>> start, Func<T, Task> deliver, CancellationToken cancellationToken)
    {
        var activity = slow.Activity;
        var (done, work) = await WaitWithinAsync(start, options.Value.InlineAnswerBudget, cancellationToken);
        if (done)
        {
            await deliver(await work);
            return;
        }

        // Slow: stored before Teams gets its 200 (so a restart resumes it), typing shown now, answered by the worker.
        await background.EnqueueAsync(slow, async _ => await deliver(await work), cancellationToken);
        await connector.SendTypingAsync(TargetOf(activity), BotOf(activity), cancellationToken);
    }

    /// <summary>Starts <paramref name="start"/> and waits for it at most <paramref name="budget"/>; the work goes on either way.</summary>
    private async Task<(bool Done, Task<T> Work)> WaitWithinAsync<T>(Func<Task<T>> start, TimeSpan budget, CancellationToken cancellationToken)
    {
        using var deadlineSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // The deadline timer exists before the work starts, so a clock advanced once the work has begun always fires it.
        var deadline = Task.Delay(budget, timeProvider, deadlineSource.Token);
        var work = Task.Run(start, CancellationToken.None);
        if (await Task.WhenAny(work, deadline) == work)
        {
            await deadlineSource.CancelAsync();
            return (true, work);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return (false, work);
    }

    private async Task ReplyAsync(Activity activity, Card card, CancellationToken cancellationToken)
    {
        var reply = CardActivity(renderer.Render(card));
        reply.From = BotOf(activity);
        reply.Recipient = activity.From is { Id: { } userId } from
            ? new ChannelAccount { Id = userId, Name = from.Name, AadObjectId = from.AadObjectId, Role = ChannelAccount.UserRole }
            : null;
        if (activity.Id is { } id)
        {
            await connector.ReplyToActivityAsync(TargetOf(activity), id, reply, cancellationToken);
        }
        else
        {
            await connector.SendToConversationAsync(TargetOf(activity), reply, cancellationToken);
        }
    }

    /// <summary>A card-only message (no text), so it can later be updated in place.</summary>
    public static Activity CardActivity(JsonObject card) => new()
    {
        Type = ActivityTypes.Message,
        Attachments = [new Attachment { ContentType = Attachment.AdaptiveCardContentType, Content = card }],
    };

    private static CardActionInvoked ActionOf(Activity activity, string verb, JsonObject? data)
    {
        // Teams merges the card's input values into the action data, so payload and inputs arrive as one
        // object: both views get every value (except the submit verb) and the handler reads what it needs.
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, node) in data ?? [])
        {
            if (name == SubmitVerbKey || node is null)
            {
                continue;
            }

            values[name] = node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node.ToJsonString();
        }

        return new CardActionInvoked(verb, values, values, UserOf(activity), AddressOf(activity), activity.ReplyToId);
    }

    private static TeamsActivityResult InvokeCard(JsonObject card) => new(200, new JsonObject
    {
        ["statusCode"] = 200,
        ["type"] = Attachment.AdaptiveCardContentType,
        ["value"] = card.DeepClone(),
    });

    private static TeamsActivityResult InvokeMessage(string text) => new(200, new JsonObject
    {
        ["statusCode"] = 200,
        ["type"] = "application/vnd.microsoft.activity.message",
        ["value"] = text,
    });

    private static TeamsActivityResult InvokeError(int statusCode, string code, string message) => new(statusCode, new JsonObject
    {
        ["statusCode"] = statusCode,
        ["type"] = "application/vnd.microsoft.error",
        ["value"] = new JsonObject { ["code"] = code, ["message"] = message },
    });

    private sealed record ActionOutcome(JsonObject? Card);

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams conversation reference {Change} ({ConversationType})")]
    private static partial void LogReference(ILogger logger, string change, string? conversationType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Card action {ActionId} already handled; returning the stored card")]
    private static partial void LogDuplicateAction(ILogger logger, string actionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams welcome card posted to a personal conversation")]
    private static partial void LogWelcomed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams welcome card could not be posted; a later install event will try again")]
    private static partial void LogWelcomeFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Card action {ActionId} failed")]
    private static partial void LogActionFailed(ILogger logger, string actionId, Exception exception);
}
