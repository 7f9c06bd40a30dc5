using FinOps.Conversation.Cards;
using FinOps.Conversation.Questions;
using Microsoft.Extensions.Options;

namespace FinOps.Conversation.Messaging;

/// <summary>Each person's last understood question per conversation (and thread), the context of their next follow-up.</summary>
/// <remarks>
/// Kept in memory only: a restart forgets the context, which costs a user one repeated question. Entries expire after
/// <see cref="ConversationOptions.FollowUpExpiry"/> (measured with the injected <see cref="TimeProvider"/>) and at most
/// <see cref="ConversationOptions.FollowUpCapacity"/> are kept, the least recently used dropped first. The key holds the
/// person, so another person's follow-up in the same channel or thread never sees this context.
/// </remarks>
public sealed class FollowUpMemory
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _expiry;
    private readonly int _capacity;
    private readonly Lock _lock = new();
    private readonly Dictionary<Key, LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _recency = new();

    public FollowUpMemory(IOptions<ConversationOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _expiry = options.Value.FollowUpExpiry;
        _capacity = options.Value.FollowUpCapacity;
    }

    /// <summary>The number of contexts held (expired ones included until they are looked up or pushed out).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The last question <paramref name="user"/> asked in <paramref name="conversation"/>, or null when there is none or it expired.</summary>
    /// <remarks>In a thread with no context of its own, the person's context in the conversation outside threads is used: a reply in the thread under an answer continues it.</remarks>
    public ParsedQuestion? Recall(ChatUser user, ConversationAddress conversation)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(conversation);
        lock (_lock)
        {
            return Find(KeyOf(user, conversation)) ?? (conversation.ThreadId is null ? null : Find(KeyOf(user, conversation with { ThreadId = null })));
        }
    }

    /// <summary>Remembers <paramref name="question"/> as the context of the next follow-up; questions that were not understood are not kept.</summary>
    public void Remember(ChatUser user, ConversationAddress conversation, ParsedQuestion question)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(question);
        if (_expiry <= TimeSpan.Zero || !question.Understood || question.Ambiguities.Count > 0
            || question.Intent is QuestionIntent.Help or QuestionIntent.Freshness)
        {
            return;
        }

        var key = KeyOf(user, conversation);
        var entry = new Entry(key, question, _time.GetUtcNow() + _expiry);
        lock (_lock)
        {
            if (_entries.Remove(key, out var old))
            {
                _recency.Remove(old);
            }

            _entries[key] = _recency.AddFirst(entry);
            while (_entries.Count > _capacity)
            {
                var last = _recency.Last!;
                _recency.RemoveLast();
                _entries.Remove(last.Value.Key);
            }
        }
    }

    private ParsedQuestion? Find(Key key)
    {
        if (!_entries.TryGetValue(key, out var node))
        {
            return null;
        }

        if (node.Value.Expires <= _time.GetUtcNow())
        {
            _entries.Remove(key);
            _recency.Remove(node);
            return null;
        }

        _recency.Remove(node);
        _recency.AddFirst(node);
        return node.Value.Question;
    }

    private static Key KeyOf(ChatUser user, ConversationAddress conversation) =>
        new(conversation.Channel, conversation.Workspace, conversation.Id, conversation.ThreadId, user.Channel, user.Id);

    private sealed record Key(string Channel, string? Workspace, string ConversationId, string? ThreadId, string UserChannel, string UserId);

    private sealed record Entry(Key Key, ParsedQuestion Question, DateTimeOffset Expires);
}
