using System.Text;

namespace FinOps.Conversation.Rendering;

/// <summary>Parses the light markdown of <see cref="Cards.TextBlock"/>: <c>**bold**</c>, <c>_italic_</c>, <c>[text](url)</c> and line breaks.</summary>
/// <remarks>
/// Anything else is literal text, so each renderer escapes it for its own format. An unclosed marker is literal.
/// <c>_</c> only opens italics at a word start and closes at a word end, so identifiers like <c>cost_center</c> stay intact.
/// Links keep only absolute http(s) and mailto URLs; other targets become plain text.
/// </remarks>
public static class LightMarkdown
{
    public static IReadOnlyList<MarkdownSpan> Parse(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var spans = new List<MarkdownSpan>();
        var text = new StringBuilder();
        var bold = false;
        var italic = false;
        var s = markdown.Replace("\r\n", "\n", StringComparison.Ordinal);

        void Flush()
        {
            if (text.Length > 0)
            {
                spans.Add(new MarkdownSpan(text.ToString(), bold, italic));
                text.Clear();
            }
        }

        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '\n')
            {
                Flush();
                spans.Add(new MarkdownSpan("\n"));
                continue;
            }

            if (c == '*' && i + 1 < s.Length && s[i + 1] == '*' && (bold || s.IndexOf("**", i + 2, StringComparison.Ordinal) > i + 2))
            {
                Flush();
                bold = !bold;
                i++;
                continue;
            }

            if (c == '_' && (italic ? IsWordEnd(s, i) : IsWordStart(s, i) && HasClosingUnderscore(s, i + 1)))
            {
                Flush();
                italic = !italic;
                continue;
            }

            if (c == '[' && TryParseLink(s, i, out var label, out var url, out var end))
            {
                Flush();
                spans.Add(new MarkdownSpan(label, bold, italic, url));
                i = end;
                continue;
            }

            text.Append(c);
        }

        Flush();
        return spans;
    }

    /// <summary>The text without markup, for plain-text fallbacks.</summary>
    public static string ToPlainText(string markdown)
    {
        var builder = new StringBuilder();
        foreach (var span in Parse(markdown))
        {
            builder.Append(span.Text);
            if (span.Link is { } link && !string.Equals(span.Text, link.OriginalString, StringComparison.Ordinal))
            {
                builder.Append(" (").Append(link.OriginalString).Append(')');
            }
        }

        return builder.ToString();
    }

    private static bool IsWordStart(string s, int i) =>
        (i == 0 || !char.IsLetterOrDigit(s[i - 1])) && i + 1 < s.Length && !char.IsWhiteSpace(s[i + 1]);

    private static bool IsWordEnd(string s, int i) =>
        i > 0 && !char.IsWhiteSpace(s[i - 1]) && (i + 1 == s.Length || !char.IsLetterOrDigit(s[i + 1]));

    private static bool HasClosingUnderscore(string s, int from)
    {
        for (var j = from; j < s.Length && s[j] != '\n'; j++)
        {
            if (s[j] == '_' && IsWordEnd(s, j) && j > from)
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryParseLink(string s, int start, out string label, out Uri? url, out int end)
    {
        label = string.Empty;
        url = null;
        end = start;
        var close = s.IndexOf("](", start + 1, StringComparison.Ordinal);
        if (close < 0 || s.IndexOf('\n', start, close - start) >= 0)
        {
            return false;
        }

        var urlEnd = s.IndexOf(')', close + 2);
        if (urlEnd < 0)
        {
            return false;
        }

        var target = s[(close + 2)..urlEnd];
        if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) ||
            (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeMailto))
        {
            return false;
        }

        label = s[(start + 1)..close];
        url = uri;
        end = urlEnd;
        return true;
    }
}
