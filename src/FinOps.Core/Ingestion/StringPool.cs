using System.Runtime.CompilerServices;

namespace FinOps.Core.Ingestion;

/// <summary>
/// De-duplicates the strings of one import: FOCUS columns repeat the same few values millions of times, so a hit
/// costs no allocation. Bounded: when full it starts over, so memory does not grow with the file.
/// </summary>
internal sealed class StringPool
{
    private readonly int _capacity;
    private readonly int _maxLength;
    private readonly long _maxChars;
    private long _chars;
    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <param name="capacity">Most strings kept at once.</param>
    /// <param name="maxLength">Longer strings are not pooled (descriptions, ids that never repeat).</param>
    /// <param name="maxChars">Most characters kept at once (8 M chars = 16 MB), whatever the string lengths.</param>
    public StringPool(int capacity = 100_000, int maxLength = 512, long maxChars = 8_000_000)
    {
        _capacity = capacity;
        _maxLength = maxLength;
        _maxChars = maxChars;
        _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>How many strings <see cref="Get"/> had to make (not found in the pool).</summary>
    public long Misses { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Get(ReadOnlySpan<char> text)
    {
        if (text.Length > _maxLength)
        {
            Misses++;
            return text.ToString();
        }

        if (_lookup.TryGetValue(text, out var found))
        {
            return found;
        }

        Misses++;
        if (_strings.Count >= _capacity || _chars + text.Length > _maxChars)
        {
            _strings.Clear();
            _chars = 0;
        }

        var made = text.ToString();
        _strings.Add(made);
        _chars += made.Length;
        return made;
    }
}
