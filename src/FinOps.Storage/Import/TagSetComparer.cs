namespace FinOps.Storage.Import;

/// <summary>Compares tag dictionaries by content, so rows with equal tags share one tag set without building JSON per row.</summary>
internal sealed class TagSetComparer : IEqualityComparer<IReadOnlyDictionary<string, string>>
{
    public static TagSetComparer Instance { get; } = new();

    public bool Equals(IReadOnlyDictionary<string, string>? x, IReadOnlyDictionary<string, string>? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        if (x is null || y is null || x.Count != y.Count)
        {
            return false;
        }

        foreach (var (key, value) in x)
        {
            if (!y.TryGetValue(key, out var other) || !string.Equals(value, other, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public int GetHashCode(IReadOnlyDictionary<string, string> obj)
    {
        var hash = obj.Count;
        foreach (var (key, value) in obj)
        {
            // Order-independent: dictionaries with the same pairs in another order hash alike.
            hash += HashCode.Combine(StringComparer.Ordinal.GetHashCode(key), StringComparer.Ordinal.GetHashCode(value));
        }

        return hash;
    }
}
