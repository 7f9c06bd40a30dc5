using System.Collections.Concurrent;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Messaging;

namespace FinOps.Slack.Tests.Infrastructure;

/// <summary>Answers "Answer: {question}" and records every message and click it gets.</summary>
public sealed class FakeConversationService : IConversationService
{
    public ConcurrentQueue<IncomingMessage> Messages { get; } = new();

    public ConcurrentQueue<CardActionInvoked> Actions { get; } = new();

    /// <summary>When set, the exception (if any) the pipeline throws for a message, after recording it.</summary>
    public Func<IncomingMessage, Exception?>? Failure { get; set; }

    public Task<Card> AnswerAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        Messages.Enqueue(message);
        if (Failure?.Invoke(message) is { } failure)
        {
            throw failure;
        }

        return Task.FromResult(new Card("answer", "Answer: " + message.Text, [new TextBlock("Answer: " + message.Text)]));
    }

    /// <summary>When set, the card a click gets (null falls back to the default "done" card).</summary>
    public Func<CardActionInvoked, Card?>? ActionReply { get; set; }

    public Task<Card> HandleActionAsync(CardActionInvoked action, CancellationToken cancellationToken)
    {
        Actions.Enqueue(action);
        if (ActionReply?.Invoke(action) is { } reply)
        {
            return Task.FromResult(reply);
        }

        return Task.FromResult(new Card("approval", $"{action.ActionId} by {action.User.Id}", [new TextBlock("done")]));
    }
}
