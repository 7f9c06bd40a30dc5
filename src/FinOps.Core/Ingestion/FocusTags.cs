using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace FinOps.Core.Ingestion;

/// <summary>
/// Parses FOCUS Tags (a JSON object of string keys and values) and caches the result by the raw JSON text:
/// exports repeat the same few tag sets on millions of rows. The cache is bounded and starts over when full.
/// </summary>
/// <remarks>
/// Keys are trimmed (real exports contain " org"); an empty key after trimming is dropped; when two keys trim to the
/// same text the later one wins. String values are kept as written; other values (numbers, booleans, null, nested
/// objects) are kept as their JSON text. Null, empty and <c>{}</c> give an empty set.
/// </remarks>
internal sealed class FocusTags
{
    public static readonly IReadOnlyDictionary<string, string> Empty = FrozenDictionary<string, string>.Empty;

    private readonly int _capacity;
    private readonly int _maxKeyLength;
    private readonly long _maxChars;
    private long _chars;
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _cache = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly StringPool _pool;

    /// <param name="pool">Shares tag keys and values with the other strings of the import.</param>
    /// <param name="capacity">Most tag sets cached at once.</param>
    /// <param name="maxKeyLength">Longer JSON texts are parsed every time.</param>
    /// <param name="maxChars">Most JSON characters cached at once (4 M chars = 8 MB), whatever their lengths.</param>
    public FocusTags(StringPool pool, int capacity = 20_000, int maxKeyLength = 4_096, long maxChars = 4_000_000)
    {
        _pool = pool;
        _capacity = capacity;
        _maxKeyLength = maxKeyLength;
        _maxChars = maxChars;
        _lookup = _cache.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Parses <paramref name="json"/>; throws <see cref="FormatException"/> when it is not a JSON object.</summary>
    public IReadOnlyDictionary<string, string> Parse(ReadOnlySpan<char> json) => Parse(json, out _);

    /// <summary>As <see cref="Parse(ReadOnlySpan{char})"/>; <paramref name="text"/> is the trimmed JSON as a string (the cache's own instance when cached), or null for no tags.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public IReadOnlyDictionary<string, string> Parse(ReadOnlySpan<char> json, out string? text)
    {
        var trimmed = json.Trim();
        if (FocusValues.IsNull(trimmed) || trimmed.SequenceEqual("{}"))
        {
            text = null;
            return Empty;
        }

        if (_lookup.TryGetValue(trimmed, out var cachedKey, out var cached))
        {
            text = cachedKey;
            return cached;
        }

        var key = trimmed.ToString();
        text = key;
        var parsed = ParseObject(key);
        if (key.Length <= _maxKeyLength)
        {
            if (_cache.Count >= _capacity || _chars + key.Length > _maxChars)
            {
                _cache.Clear();
                _chars = 0;
            }

            _cache[key] = parsed;
            _chars += key.Length;
        }

        return parsed;
    }

    private IReadOnlyDictionary<string, string> ParseObject(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"Tags is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Null)
            {
                return Empty;
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"Tags must be a JSON object, found a JSON {root.ValueKind.ToString().ToLowerInvariant()}.");
            }

            var tags = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                var name = property.Name.AsSpan().Trim();
                if (name.IsEmpty)
                {
                    continue;
                }

                var value = property.Value.ValueKind == JsonValueKind.String
                    ? property.Value.GetString()!
                    : property.Value.GetRawText();
                tags[_pool.Get(name)] = _pool.Get(value);
            }

            return tags.Count == 0 ? Empty : tags.ToFrozenDictionary(StringComparer.Ordinal);
        }
    }
}
