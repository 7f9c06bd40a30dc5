namespace FinOps.Core.Ingestion;

/// <summary>
/// De-duplicates the strings of one import: FOCUS columns repeat the same few values millions of times, so a hit
/// costs no allocation. Bounded: when full it starts over, so memory does not grow with the file.
/// </summary>
internal sealed class StringPool
{
    private readonly int _capacity;
    private readonly int _maxLength;
    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public StringPool(int capacity = 100_000, int maxLength = 512)
    {
        _capacity = capacity;
        _maxLength = maxLength;
        _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string Get(ReadOnlySpan<char> text)
    {
        if (text.Length > _maxLength)
        {
            return text.ToString();
        }

        if (_lookup.TryGetValue(text, out var found))
        {
            return found;
        }

        if (_strings.Count >= _capacity)
        {
            _strings.Clear();
        }

        var made = text.ToString();
        _strings.Add(made);
        return made;
    }
}
