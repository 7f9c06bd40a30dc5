namespace FinOps.Core.Ingestion;

/// <summary>
/// The cells each resource had on its last row. Exports interleave resources (every resource of an hour or a day, then
/// the next), so a row's account, service, region and tags are rarely the row above's but almost always what the same
/// resource had last time: compared with those (one vectorised comparison each), they need no hashing, no pool lookup
/// and no JSON parsing. Bounded: when full (resources, or characters of tag JSON) it starts over.
/// </summary>
internal sealed class ResourceCells
{
    private static readonly int ColumnCount = Enum.GetValues<FocusColumn>().Length;

    private readonly int _capacity;
    private readonly long _maxTagChars;
    private long _tagChars;

    // Keyed by instance: resource ids come from the string pool, so a resource's rows share one string.
    private readonly Dictionary<string, Entry> _entries = new(ReferenceEqualityComparer.Instance);

    /// <param name="capacity">Most resources remembered at once.</param>
    /// <param name="maxTagChars">Most characters of tag JSON remembered at once (8 M chars = 16 MB, counted though mostly shared with the tag cache).</param>
    public ResourceCells(int capacity = 16_384, long maxTagChars = 8_000_000)
    {
        _capacity = capacity;
        _maxTagChars = maxTagChars;
    }

    /// <summary>The remembered cells of the resource whose id is <paramref name="resourceId"/> (an empty entry the first time).</summary>
    public Entry For(string resourceId)
    {
        if (_entries.TryGetValue(resourceId, out var entry))
        {
            return entry;
        }

        if (_entries.Count >= _capacity)
        {
            Clear();
        }

        entry = new Entry(this);
        _entries[resourceId] = entry;
        return entry;
    }

    private void Clear()
    {
        _entries.Clear();
        _tagChars = 0;
    }

    /// <summary>One resource's last cells: the text of each text column (as the reader made it) and its tags.</summary>
    internal sealed class Entry(ResourceCells owner)
    {
        /// <summary>By <see cref="FocusColumn"/>: the string the reader gave the cell on this resource's last row (null: none or NULL).</summary>
        public string?[] Text { get; } = new string?[ColumnCount];

        /// <summary>The Tags cell of the resource's last row, as written, or null when not remembered.</summary>
        public string? TagsText { get; private set; }

        public IReadOnlyDictionary<string, string> Tags { get; private set; } = FocusTags.Empty;

        /// <summary>Remembers the resource's tags; <paramref name="text"/> is the Tags cell trimmed, as the tag cache holds it (shared, not copied).</summary>
        public void RememberTags(string? text, IReadOnlyDictionary<string, string> tags)
        {
            if (text is null)
            {
                TagsText = null;
                return;
            }

            if (owner._tagChars + text.Length > owner._maxTagChars)
            {
                // Too much JSON held (the tag cache may have let these strings go): start over. This entry, no longer
                // listed, lives on with its row only.
                owner.Clear();
            }

            TagsText = text;
            Tags = tags;
            owner._tagChars += text.Length;
        }
    }
}
