using System.Diagnostics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Charts;

namespace FinOps.Conversation.Rendering;

/// <summary>Renders cards as a plain, accessible HTML fragment for the local playground.</summary>
/// <remarks>
/// The fragment is an <c>&lt;article class="card"&gt;</c> styled by <see cref="HtmlCardStyles.Css"/>. Every piece of
/// text is HTML-encoded. Buttons carry <c>data-action-id</c> and <c>data-payload</c> (compact JSON) and, when a
/// confirmation is needed, <c>data-confirm</c>; the playground's script posts them with the values of the card's
/// inputs (named by input id). Cost tables are real tables with a caption-free header row and scoped headers.
/// </remarks>
public sealed class HtmlCardRenderer(MoneyFormatter formatter, IChartImageUrlProvider chartImages)
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    public string Render(Card card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var html = new StringBuilder();
        html.Append("<article class=\"card card-").Append(Attr(Slug(card.Kind))).Append("\" data-kind=\"").Append(Attr(card.Kind)).Append("\">\n");
        foreach (var block in card.Blocks)
        {
            RenderBlock(html, block);
        }

        html.Append("</article>\n");
        return html.ToString();
    }

    private void RenderBlock(StringBuilder html, CardBlock block)
    {
        switch (block)
        {
            case TitleBlock title:
                html.Append("<h2 class=\"card-title\">").Append(Text(title.Text)).Append("</h2>\n");
                break;
            case TextBlock text:
                html.Append("<p class=\"card-text\">").Append(Markdown(text.Markdown)).Append("</p>\n");
                break;
            case FactsBlock facts:
                html.Append("<dl class=\"card-facts\">\n");
                foreach (var fact in facts.Facts)
                {
                    html.Append("<div><dt>").Append(Text(fact.Label)).Append("</dt><dd>").Append(Text(fact.Value)).Append("</dd></div>\n");
                }

                html.Append("</dl>\n");
                break;
            case CostTableBlock table:
                RenderTable(html, table);
                break;
            case KeyNumberBlock key:
                html.Append("<div class=\"card-key\"><span class=\"card-key-label\">").Append(Text(key.Label))
                    .Append("</span> <strong class=\"card-key-value\">").Append(Text(formatter.Format(key.Value))).Append("</strong>");
                if (key.Change is { } change)
                {
                    html.Append(" <span class=\"").Append(DeltaClass(change)).Append("\">").Append(Text(formatter.FormatDelta(change)))
                        .Append(' ').Append(Text(key.ChangeLabel ?? KeyNumberBlock.DefaultChangeLabel)).Append("</span>");
                }

                html.Append("</div>\n");
                break;
            case ChartBlock chart:
                RenderChart(html, chart);
                break;
            case DividerBlock:
                html.Append("<hr class=\"card-divider\">\n");
                break;
            case ContextBlock context:
                html.Append("<p class=\"card-context\">").Append(Text(context.Text)).Append("</p>\n");
                break;
            case ActionsBlock actions:
                RenderActions(html, actions);
                break;
            case TextInputBlock input:
                RenderInput(html, input);
                break;
            default:
                throw new UnreachableException($"Block type {block.GetType().Name} is not rendered as HTML.");
        }
    }

    private void RenderTable(StringBuilder html, CostTableBlock table)
    {
        var showChange = table.Rows.Any(r => r.Change is not null) || table.Total?.Change is not null;
        var showShare = table.Rows.Any(r => r.Share is not null) || table.Total?.Share is not null;
        html.Append("<table class=\"card-table\">\n<thead><tr><th scope=\"col\">").Append(Text(table.LabelHeader))
            .Append("</th><th scope=\"col\" class=\"num\">Cost</th>");
        if (showChange)
        {
            html.Append("<th scope=\"col\" class=\"num\">Change</th>");
        }

        if (showShare)
        {
            html.Append("<th scope=\"col\" class=\"num\">Share</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            Row(row);
        }

        html.Append("</tbody>\n");
        if (table.Total is { } total)
        {
            html.Append("<tfoot>\n");
            Row(total);
            html.Append("</tfoot>\n");
        }

        html.Append("</table>\n");

        void Row(CostTableRow row)
        {
            html.Append("<tr><th scope=\"row\">").Append(Text(row.Label)).Append("</th><td class=\"num\">").Append(Text(formatter.Format(row.Amount))).Append("</td>");
            if (showChange)
            {
                if (row.Change is { } change)
                {
                    html.Append("<td class=\"num ").Append(DeltaClass(change)).Append("\">").Append(Text(formatter.FormatDelta(change))).Append("</td>");
                }
                else
                {
                    html.Append("<td class=\"num\">–</td>");
                }
            }

            if (showShare)
            {
                html.Append("<td class=\"num\">").Append(row.Share is { } share ? Text(formatter.FormatShare(share)) : "–").Append("</td>");
            }

            html.Append("</tr>\n");
        }
    }

    private void RenderChart(StringBuilder html, ChartBlock chart)
    {
        html.Append("<figure class=\"card-chart\">\n");
        if (chartImages.GetImageUrl(chart.Spec) is { } url)
        {
            html.Append("<img src=\"").Append(Attr(url.OriginalString)).Append("\" alt=\"").Append(Attr(chart.AltText))
                .Append("\" width=\"").Append(ChartRenderer.DefaultWidth).Append("\" height=\"").Append(ChartRenderer.DefaultHeight).Append("\">\n");
        }
        else
        {
            html.Append("<p class=\"card-chart-alt\">").Append(Text(chart.AltText)).Append("</p>\n");
        }

        html.Append("<figcaption>").Append(Text(ChartSummary.DescribeText(chart.Spec, formatter))).Append("</figcaption>\n</figure>\n");
    }

    private static void RenderActions(StringBuilder html, ActionsBlock actions)
    {
        html.Append("<div class=\"card-actions\" role=\"group\">\n");
        foreach (var action in actions.Actions)
        {
            var payload = JsonSerializer.Serialize(
                new SortedDictionary<string, string>(action.Payload.ToDictionary(), StringComparer.Ordinal),
                RenderingJsonContext.Default.SortedDictionaryStringString);
            html.Append("<button type=\"button\" class=\"card-button card-button-").Append(action.Style.ToString().ToLowerInvariant())
                .Append("\" data-action-id=\"").Append(Attr(action.ActionId))
                .Append("\" data-payload=\"").Append(Attr(payload)).Append('"');
            if (action.Confirmation is { } confirmation)
            {
                html.Append(" data-confirm-title=\"").Append(Attr(confirmation.Title))
                    .Append("\" data-confirm=\"").Append(Attr(confirmation.Text))
                    .Append("\" data-confirm-label=\"").Append(Attr(confirmation.ConfirmLabel))
                    .Append("\" data-deny-label=\"").Append(Attr(confirmation.DenyLabel)).Append('"');
            }

            html.Append('>').Append(Text(action.Title)).Append("</button>\n");
        }

        html.Append("</div>\n");
    }

    private static void RenderInput(StringBuilder html, TextInputBlock input)
    {
        var id = "input-" + input.Id;
        html.Append("<div class=\"card-input\"><label for=\"").Append(Attr(id)).Append("\">").Append(Text(input.Label));
        if (input.Required)
        {
            html.Append(" <span class=\"card-required\" aria-hidden=\"true\">*</span>");
        }

        html.Append("</label>");
        html.Append(input.Multiline ? "<textarea rows=\"3\"" : "<input type=\"text\"");
        html.Append(" id=\"").Append(Attr(id)).Append("\" name=\"").Append(Attr(input.Id)).Append("\" maxlength=\"500\"");
        if (input.Placeholder is { } placeholder)
        {
            html.Append(" placeholder=\"").Append(Attr(placeholder)).Append('"');
        }

        if (input.Required)
        {
            html.Append(" required aria-required=\"true\"");
        }

        html.Append(input.Multiline ? "></textarea>" : ">").Append("</div>\n");
    }

    private static string Markdown(string markdown)
    {
        var html = new StringBuilder();
        foreach (var span in LightMarkdown.Parse(markdown))
        {
            if (span.IsLineBreak)
            {
                html.Append("<br>");
                continue;
            }

            var text = span.Link is { } link
                ? $"<a href=\"{Attr(link.AbsoluteUri)}\" rel=\"noopener noreferrer\" target=\"_blank\">{Text(span.Text)}</a>"
                : Text(span.Text);
            if (span.Italic)
            {
                text = "<em>" + text + "</em>";
            }

            if (span.Bold)
            {
                text = "<strong>" + text + "</strong>";
            }

            html.Append(text);
        }

        return html.ToString();
    }

    private static string DeltaClass(Delta delta) => MoneyFormatter.DirectionOf(delta) switch
    {
        DeltaDirection.Up => "delta delta-up",
        DeltaDirection.Down => "delta delta-down",
        _ => "delta",
    };

    private static string Slug(string kind) =>
        new(kind.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());

    private static string Text(string text) => Encoder.Encode(text);

    private static string Attr(string text) => Encoder.Encode(text);
}
