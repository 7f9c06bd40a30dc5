using System.Globalization;
using System.Text;

namespace FinOps.Conversation.Questions;

/// <summary>Splits text into lower-case words in one linear pass (no regular expressions, so no backtracking).</summary>
/// <remarks>
/// Letters and digits form words; '-', '.', ':' and '/' stay inside a word when letters or digits are on both
/// sides ("us-east-1", "2026-10-01", "tag:owner"); ".." and a lone "-" become tokens of their own (ranges);
/// "3-9" is split into "3", "-", "9"; ordinals lose their suffix ("3rd" -> "3"); possessive "'s" is dropped.
/// </remarks>
internal static class Tokenizer
{
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var word = new StringBuilder();
        var lower = text.ToLowerInvariant();
        for (var i = 0; i < lower.Length; i++)
        {
            var c = lower[i];
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
                continue;
            }

            var prevIsWord = word.Length > 0;
            var nextIsWord = i + 1 < lower.Length && char.IsLetterOrDigit(lower[i + 1]);
            if (c is '-' or '.' or ':' or '/' or '_' && prevIsWord && nextIsWord)
            {
                word.Append(c);
                continue;
            }

            if (c is '\'' or '\u2019')
            {
                // "what's" -> "whats", "team's" -> "team": skip the apostrophe and a following possessive s.
                if (i + 1 < lower.Length && lower[i + 1] == 's' && (i + 2 >= lower.Length || !char.IsLetterOrDigit(lower[i + 2])))
                {
                    if (prevIsWord && IsPossessiveOwner(word))
                    {
                        i++;
                    }
                }

                continue;
            }

            Flush(word, tokens);
            if (c == '.' && i + 1 < lower.Length && lower[i + 1] == '.')
            {
                tokens.Add(new Token("..", ".."));
                while (i + 1 < lower.Length && lower[i + 1] == '.')
                {
                    i++;
                }
            }
            else if (c is '-' or '\u2013' or '\u2014')
            {
                tokens.Add(new Token("-", "-"));
            }
            else if (c == '&')
            {
                tokens.Add(new Token("and", "and"));
            }
        }

        Flush(word, tokens);
        return tokens;
    }

    /// <summary>The singular stem used for value matching: "payments" -> "payment", "categories" -> "category".</summary>
    public static string Stem(string word)
    {
        if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal))
        {
            return string.Concat(word.AsSpan(0, word.Length - 3), "y");
        }

        if (word.Length > 4 && (word.EndsWith("sses", StringComparison.Ordinal) || word.EndsWith("xes", StringComparison.Ordinal)))
        {
            return word[..^2];
        }

        if (word.Length > 3 && word[^1] == 's' && word[^2] is not ('s' or 'u' or 'i') && char.IsLetter(word[^2]))
        {
            return word[..^1];
        }

        return word;
    }

    private static bool IsPossessiveOwner(StringBuilder word)
    {
        // Keep contractions like "it's"/"what's" readable as one word; names ("payments's") just lose the s.
        var w = word.ToString();
        return w is not ("it" or "what" or "that" or "there" or "where" or "who" or "how" or "here" or "let");
    }

    private static void Flush(StringBuilder word, List<Token> tokens)
    {
        if (word.Length == 0)
        {
            return;
        }

        var text = word.ToString();
        word.Clear();

        // "3-9" inside a month range: split into number, dash, number.
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash > 0 && dash <= 2 && text.Length - dash - 1 is >= 1 and <= 2 && AllDigits(text.AsSpan(0, dash)) && AllDigits(text.AsSpan(dash + 1)))
        {
            tokens.Add(new Token(text[..dash], text[..dash]));
            tokens.Add(new Token("-", "-"));
            tokens.Add(new Token(text[(dash + 1)..], text[(dash + 1)..]));
            return;
        }

        // "per-team", "by-service": the preposition is a word of its own.
        if ((text.StartsWith("per-", StringComparison.Ordinal) || text.StartsWith("by-", StringComparison.Ordinal)) && text.IndexOf('-', StringComparison.Ordinal) < text.Length - 1)
        {
            var cut = text.IndexOf('-', StringComparison.Ordinal);
            tokens.Add(new Token(text[..cut], text[..cut]));
            text = text[(cut + 1)..];
        }

        text = StripOrdinal(text);
        tokens.Add(new Token(text, Stem(text)));
    }

    private static string StripOrdinal(string text)
    {
        if (text.Length >= 3 && char.IsAsciiDigit(text[0]) && (text.EndsWith("st", StringComparison.Ordinal) || text.EndsWith("nd", StringComparison.Ordinal) || text.EndsWith("rd", StringComparison.Ordinal) || text.EndsWith("th", StringComparison.Ordinal)) && AllDigits(text.AsSpan(0, text.Length - 2)))
        {
            return text[..^2];
        }

        return text;
    }

    private static bool AllDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return s.Length > 0;
    }

    /// <summary>Joins words back for labels: "payments team".</summary>
    public static string Join(IEnumerable<Token> tokens) => string.Join(' ', tokens.Select(t => t.Text));

    public static bool TryParseIsoDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
