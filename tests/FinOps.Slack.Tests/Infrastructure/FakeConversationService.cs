using System.Collections.Concurrent;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Messaging;

namespace FinOps.Slack.Tests.Infrastructure;

/// <summary>Answers "Answer: {question}" and records every message and click it gets.</summary>
public sealed class FakeConversationService : IConversationService
{
    public ConcurrentQueue<IncomingMessage> Messages { get; } = new();

    public ConcurrentQueue<CardActionInvoked> Actions { get; } = new();

    public Task<Card> AnswerAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        Messages.Enqueue(message);
        return Task.FromResult(new Card("answer", "Answer: " + message.Text, [new TextBlock("Answer: " + message.Text)]));
    }

    public Task<Card> HandleActionAsync(CardActionInvoked action, CancellationToken cancellationToken)
    {
        Actions.Enqueue(action);
        return Task.FromResult(new Card("approval", $"{action.ActionId} by {action.User.Id}", [new TextBlock("done")]));
    }
}
