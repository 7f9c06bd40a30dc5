using System.Text;

namespace FinOps.Core.UnitEconomics;

/// <summary>The one spelling of metric keys and the matching of a question's words to them.</summary>
/// <remarks>
/// A key is lower case with words joined by <c>_</c>: "Active Users", "active-users" and "active_users" are all
/// <c>active_users</c>. A question matches a key when its words equal the key's words, singular or plural
/// ("active user", "transaction" for <c>transactions</c>).
/// </remarks>
public static class BusinessMetricNames
{
    /// <summary>The key of <paramref name="name"/>, or null when it has a character other than letters, digits, spaces, <c>-</c> and <c>_</c>.</summary>
    public static string? Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Trim())
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (c is ' ' or '-' or '_')
            {
                if (builder.Length > 0 && builder[^1] != '_')
                {
                    builder.Append('_');
                }
            }
            else
            {
                return null;
            }
        }

        var key = builder.ToString().TrimEnd('_');
        return key.Length == 0 ? null : key;
    }

    /// <summary>The words of a key, each reduced to its singular ("active_users" -> ["active", "user"]).</summary>
    public static IReadOnlyList<string> Stems(string key) =>
        (Normalize(key) ?? "").Split('_', StringSplitOptions.RemoveEmptyEntries).Select(Singular).ToArray();

    /// <summary>True when <paramref name="words"/> name <paramref name="key"/>, singular or plural, in order.</summary>
    public static bool Matches(IReadOnlyList<string> words, string key)
    {
        ArgumentNullException.ThrowIfNull(words);
        var stems = Stems(key);
        return stems.Count == words.Count && stems.Zip(words).All(p => string.Equals(p.First, Singular(p.Second.ToLowerInvariant()), StringComparison.Ordinal));
    }

    /// <summary>"orders" -> "order", "activities" -> "activity", "searches" -> "search"; short words and "ss" endings stay.</summary>
    public static string Singular(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal))
        {
            return word[..^3] + "y";
        }

        if (word.Length > 4 && (word.EndsWith("ches", StringComparison.Ordinal) || word.EndsWith("shes", StringComparison.Ordinal) || word.EndsWith("sses", StringComparison.Ordinal) || word.EndsWith("xes", StringComparison.Ordinal)))
        {
            return word[..^2];
        }

        if (word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal))
        {
            return word[..^1];
        }

        return word;
    }

    /// <summary>The key as words for a sentence: <c>active_users</c> -> "active users".</summary>
    public static string Display(string key) => (key ?? throw new ArgumentNullException(nameof(key))).Replace('_', ' ');
}
