using System.Text.RegularExpressions;

namespace FinOps.Slack.Inbound;

/// <summary>Turns Slack message text into the question the user typed.</summary>
public static partial class SlackMessageText
{
    /// <summary>
    /// Removes mentions of the bot (<c>&lt;@UBOT&gt;</c>, <c>&lt;@UBOT|name&gt;</c>; a leading mention when the bot id is unknown)
    /// and undoes Slack's escaping of &amp;, &lt; and &gt;.
    /// </summary>
    public static string ToQuestion(string text, string? botUserId)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stripped = string.IsNullOrEmpty(botUserId)
            ? LeadingMention().Replace(text, string.Empty)
            : text.Replace("<@" + botUserId + ">", " ", StringComparison.Ordinal);
        if (!string.IsNullOrEmpty(botUserId))
        {
            stripped = Regex.Replace(stripped, "<@" + Regex.Escape(botUserId) + @"\|[^>]*>", " ", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }

        stripped = stripped.Replace("&lt;", "<", StringComparison.Ordinal)
            .Replace("&gt;", ">", StringComparison.Ordinal)
            .Replace("&amp;", "&", StringComparison.Ordinal);
        return Whitespace().Replace(stripped, " ").Trim();
    }

    [GeneratedRegex(@"^\s*<@[UW][A-Z0-9]+(\|[^>]*)?>", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingMention();

    [GeneratedRegex(@"[ \t]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();
}
