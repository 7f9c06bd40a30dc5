using System.Collections.Concurrent;
using FinOps.Conversation.Cards;

namespace FinOps.Bot.Playground;

/// <summary>The cards the playground has shown, by message id, so a click can name the card it came from.</summary>
public sealed class PlaygroundMessages
{
    private const int Capacity = 2_000;
    private readonly ConcurrentDictionary<string, StoredMessage> _messages = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public void Remember(string messageId, string conversationId, Card card)
    {
        _messages[messageId] = new StoredMessage(conversationId, card);
        _order.Enqueue(messageId);
        while (_order.Count > Capacity && _order.TryDequeue(out var oldest))
        {
            _messages.TryRemove(oldest, out _);
        }
    }

    public bool TryGet(string messageId, out StoredMessage message) => _messages.TryGetValue(messageId, out message!);

    public sealed record StoredMessage(string ConversationId, Card Card);
}
