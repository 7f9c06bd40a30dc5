using System.Collections;
using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace FinOps.Core.Ingestion;

/// <summary>The <c>x_</c> columns of one file; each row shares the names and carries only its values.</summary>
internal sealed class ExtensionColumns
{
    public static readonly IReadOnlyDictionary<string, string?> Empty = FrozenDictionary<string, string?>.Empty;

    public ExtensionColumns(IReadOnlyList<string> names)
    {
        var indexes = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var kept = new List<string>();
        var sources = new List<int>();
        for (var i = 0; i < names.Count; i++)
        {
            if (indexes.TryAdd(names[i], kept.Count))
            {
                kept.Add(names[i]);
                sources.Add(i);
            }
        }

        Names = [.. kept];
        SourceIndexes = [.. sources];
        Indexes = indexes.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    public string[] Names { get; }

    /// <summary>For each kept name, its position in the list given to the constructor (first of duplicates).</summary>
    public int[] SourceIndexes { get; }

    public FrozenDictionary<string, int> Indexes { get; }

    public IReadOnlyDictionary<string, string?> Row(string?[] values) => Names.Length == 0 ? Empty : new Values(this, values);

    private sealed class Values(ExtensionColumns columns, string?[] values) : IReadOnlyDictionary<string, string?>
    {
        public int Count => columns.Names.Length;

        public IEnumerable<string> Keys => columns.Names;

        IEnumerable<string?> IReadOnlyDictionary<string, string?>.Values => values;

        public string? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

        public bool ContainsKey(string key) => columns.Indexes.ContainsKey(key);

        public bool TryGetValue(string key, [MaybeNullWhen(false)] out string? value)
        {
            if (columns.Indexes.TryGetValue(key, out var index))
            {
                value = values[index];
                return true;
            }

            value = null;
            return false;
        }

        public IEnumerator<KeyValuePair<string, string?>> GetEnumerator()
        {
            for (var i = 0; i < columns.Names.Length; i++)
            {
                yield return new KeyValuePair<string, string?>(columns.Names[i], values[i]);
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
