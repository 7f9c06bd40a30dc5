using FinOps.Conversation.Answers;
using FinOps.Conversation.Cards;
using FinOps.Core.Calendar;
using Microsoft.Extensions.Logging;

namespace FinOps.Conversation.Messaging;

/// <summary>The channel-neutral bot: messages become cost questions; clicks go to the <see cref="ICardActionHandler"/> for their prefix.</summary>
public sealed partial class ConversationService : IConversationService
{
    private readonly QuestionService _questions;
    private readonly TimeProvider _time;
    private readonly ILogger<ConversationService> _logger;
    private readonly ICardActionHandler[] _handlers;
    private readonly IConversationCommand[] _commands;
    private readonly FollowUpMemory? _followUps;

    public ConversationService(QuestionService questions, IEnumerable<ICardActionHandler> handlers, TimeProvider time, ILogger<ConversationService> logger)
        : this(questions, handlers, [], time, logger)
    {
    }

    /// <summary>With chat commands, tried in registration order before a message goes to the question parser.</summary>
    public ConversationService(
        QuestionService questions,
        IEnumerable<ICardActionHandler> handlers,
        IEnumerable<IConversationCommand> commands,
        TimeProvider time,
        ILogger<ConversationService> logger)
        : this(questions, handlers, commands, followUps: null, time, logger)
    {
    }

    /// <summary>With chat commands and follow-ups: each person's last question in a conversation is the context of their next message.</summary>
    public ConversationService(
        QuestionService questions,
        IEnumerable<ICardActionHandler> handlers,
        IEnumerable<IConversationCommand> commands,
        FollowUpMemory? followUps,
        TimeProvider time,
        ILogger<ConversationService> logger)
    {
        _followUps = followUps;
        ArgumentNullException.ThrowIfNull(handlers);
        ArgumentNullException.ThrowIfNull(commands);
        _commands = commands.ToArray();
        _questions = questions ?? throw new ArgumentNullException(nameof(questions));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));

        // Longest prefix first, so "budget.approval." can override "budget.".
        _handlers = handlers.OrderByDescending(h => h.ActionPrefix.Length).ToArray();
        var duplicate = _handlers.GroupBy(h => h.ActionPrefix, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two card action handlers claim the prefix '{duplicate.Key}'.");
        }
    }

    /// <summary>What the bot can do, with three example questions built from the current cost data.</summary>
    public async Task<Card?> WelcomeAsync(ConversationAddress conversation, CancellationToken cancellationToken)
    {
        var catalog = await _questions.GetCatalogAsync(cancellationToken);
        return HelpCards.Welcome(catalog);
    }

    public async Task<Card> AnswerAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        foreach (var command in _commands)
        {
            if (await command.TryHandleAsync(message, cancellationToken) is { } card)
            {
                return card;
            }
        }

        var today = CostCalendar.Today(_time);
        var previous = _followUps?.Recall(message.User, message.Conversation);
        var parsed = await _questions.ParseAsync(message.Text, today, previous, cancellationToken);
        var answer = await _questions.AnswerAsync(parsed, today, cancellationToken);
        _followUps?.Remember(message.User, message.Conversation, parsed);
        return answer.Card;
    }

    public async Task<Card> HandleActionAsync(CardActionInvoked action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var handler = _handlers.FirstOrDefault(h => action.ActionId.StartsWith(h.ActionPrefix, StringComparison.Ordinal));
        if (handler is null)
        {
            LogUnknownAction(_logger, action.ActionId, action.User.Channel);
            return ErrorCard($"That button ({action.ActionId}) is not something I can handle any more. Ask your question again or type \"help\".");
        }

        return await handler.HandleAsync(action, cancellationToken);
    }

    /// <summary>A short error card, for handlers and for unknown actions.</summary>
    public static Card ErrorCard(string message) =>
        new("error", message, [new TextBlock(message)]);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No handler for card action {ActionId} from {Channel}")]
    private static partial void LogUnknownAction(ILogger logger, string actionId, string channel);
}
