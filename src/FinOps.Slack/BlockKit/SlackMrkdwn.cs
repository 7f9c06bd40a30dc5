using System.Text;
using FinOps.Conversation.Rendering;

namespace FinOps.Slack.BlockKit;

/// <summary>Converts the cards' light markdown to Slack <c>mrkdwn</c> and escapes plain text for it.</summary>
/// <remarks>Slack asks for <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> to be escaped as HTML entities; bold is <c>*x*</c>, italic <c>_x_</c>, links <c>&lt;url|text&gt;</c>.</remarks>
public static class SlackMrkdwn
{
    public static string FromLightMarkdown(string markdown)
    {
        var builder = new StringBuilder();
        foreach (var span in LightMarkdown.Parse(markdown))
        {
            if (span.IsLineBreak)
            {
                builder.Append('\n');
                continue;
            }

            var text = span.Link is { } link
                ? $"<{link.AbsoluteUri}|{Escape(span.Text).Replace("|", "¦", StringComparison.Ordinal)}>"
                : Escape(span.Text);
            if (span.Italic)
            {
                text = "_" + text + "_";
            }

            if (span.Bold)
            {
                text = "*" + text + "*";
            }

            builder.Append(text);
        }

        return builder.ToString();
    }

    public static string Escape(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal);
}
