using FinOps.Conversation.Cards;
using FinOps.Conversation.Messaging;

namespace FinOps.Bot.Hosting;

/// <summary>Counts, times and traces every answer of the conversation service, whichever channel asked.</summary>
public sealed class MeasuredConversationService(IConversationService inner, BotMetrics metrics, TimeProvider timeProvider) : IConversationService
{
    public Task<Card> AnswerAsync(IncomingMessage message, CancellationToken cancellationToken) =>
        MeasureAsync("message", () => inner.AnswerAsync(message, cancellationToken));

    public Task<Card> HandleActionAsync(CardActionInvoked action, CancellationToken cancellationToken) =>
        MeasureAsync("action", () => inner.HandleActionAsync(action, cancellationToken));

    public Task<Card?> WelcomeAsync(ConversationAddress conversation, CancellationToken cancellationToken) =>
        inner.WelcomeAsync(conversation, cancellationToken);

    private async Task<Card> MeasureAsync(string kind, Func<Task<Card>> answer)
    {
        using var activity = BotMetrics.ActivitySource.StartActivity("answer " + kind);
        var started = timeProvider.GetTimestamp();
        var succeeded = false;
        try
        {
            var card = await answer();
            succeeded = true;
            return card;
        }
        finally
        {
            metrics.RecordAnswer(kind, succeeded, timeProvider.GetElapsedTime(started));
        }
    }
}
