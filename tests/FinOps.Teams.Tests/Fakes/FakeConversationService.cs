using System.Collections.Concurrent;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Messaging;

namespace FinOps.Teams.Tests.Fakes;

/// <summary>Answers "answer: {text}" and "done: {action}" cards and records every call.</summary>
public sealed class FakeConversationService : IConversationService
{
    public ConcurrentQueue<IncomingMessage> Messages { get; } = new();

    public ConcurrentQueue<CardActionInvoked> Actions { get; } = new();

    public int CallCount => Messages.Count + Actions.Count;

    /// <summary>When set, answers wait for it: a slow answer.</summary>
    public TaskCompletionSource? AnswerGate { get; set; }

    /// <summary>When set, the welcome card posted on install; null (the default) means no welcome.</summary>
    public Card? Welcome { get; set; }

    public Task<Card?> WelcomeAsync(ConversationAddress conversation, CancellationToken cancellationToken) => Task.FromResult(Welcome);

    public TaskCompletionSource AnswerStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<Card> AnswerAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        Messages.Enqueue(message);
        AnswerStarted.TrySetResult();
        if (AnswerGate is { } gate)
        {
            await gate.Task;
        }

        return new Card("answer", "answer: " + message.Text, [new TextBlock("answer: " + message.Text)]);
    }

    public Task<Card> HandleActionAsync(CardActionInvoked action, CancellationToken cancellationToken)
    {
        Actions.Enqueue(action);
        var payload = string.Join(",", action.Payload.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        return Task.FromResult(new Card("approval", $"done: {action.ActionId} {payload}", [new TextBlock("done")]));
    }
}
