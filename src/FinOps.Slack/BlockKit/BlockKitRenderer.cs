using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Charts;
using FinOps.Conversation.Rendering;

namespace FinOps.Slack.BlockKit;

/// <summary>Renders cards as Slack Block Kit messages that always fit Slack's limits.</summary>
/// <remarks>
/// <para>Buttons carry the neutral action id as <c>action_id</c> (suffixed <c>#2</c>, <c>#3</c> when a block repeats
/// one, which Slack forbids; use <see cref="NeutralActionId"/> to strip it) and the payload as compact JSON in
/// <c>value</c>. Text inputs become <c>input</c> blocks whose <c>block_id</c> and <c>action_id</c> are the input id,
/// so their values arrive in <c>state.values[id][id].value</c>.</para>
/// <para>Cost tables become a monospaced section (Block Kit has no table block in <c>KnownBlock</c>), cut to
/// <see cref="DefaultMaxTableRows"/> rows with "...and N more". Long text is split over several sections; when a
/// card needs more than 50 blocks, content blocks are dropped (headers, inputs and buttons are kept) and a
/// context line says how many.</para>
/// <para>Chart images need a URL Slack can fetch (<see cref="IChartImageUrlProvider"/>, signed URLs); data URIs are refused.</para>
/// </remarks>
public sealed class BlockKitRenderer(MoneyFormatter formatter, IChartImageUrlProvider chartImages) : IBlockKitRenderer
{
    public const int DefaultMaxTableRows = 15;
    public const char ActionIdSuffixSeparator = '#';

    private const int TableLabelWidth = 24;

    public SlackMessageContent Render(Card card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var blocks = new List<JsonObject>();
        var actionBlocks = 0;
        foreach (var block in card.Blocks)
        {
            blocks.AddRange(RenderBlock(block, ref actionBlocks));
        }

        blocks = FitBlockCount(blocks);
        var text = Truncate(card.FallbackText, SlackLimits.MaxFallbackText);
        return new SlackMessageContent(text, new JsonArray(blocks.Select(b => (JsonNode)b).ToArray()));
    }

    /// <summary>The neutral action id of a Slack <c>action_id</c> made by this renderer.</summary>
    public static string NeutralActionId(string slackActionId)
    {
        ArgumentNullException.ThrowIfNull(slackActionId);
        var index = slackActionId.IndexOf(ActionIdSuffixSeparator, StringComparison.Ordinal);
        return index < 0 ? slackActionId : slackActionId[..index];
    }

    private List<JsonObject> RenderBlock(CardBlock block, ref int actionBlocks)
    {
        switch (block)
        {
            case TitleBlock title:
                return [Header(title.Text)];
            case TextBlock text:
                return Sections(SlackMrkdwn.FromLightMarkdown(text.Markdown));
            case FactsBlock facts:
                return FactSections(facts);
            case CostTableBlock table:
                return [CostTable(table)];
            case KeyNumberBlock key:
                return [KeyNumber(key)];
            case ChartBlock chart:
                return Chart(chart);
            case DividerBlock:
                return [new JsonObject { ["type"] = "divider" }];
            case ContextBlock context:
                return [Context(SlackMrkdwn.Escape(context.Text))];
            case ActionsBlock actions:
                actionBlocks++;
                return Actions(actions, actionBlocks);
            case TextInputBlock input:
                return [Input(input)];
            default:
                throw new UnreachableException($"Block type {block.GetType().Name} is not rendered for Slack.");
        }
    }

    private static JsonObject Header(string text) => new()
    {
        ["type"] = "header",
        ["text"] = PlainText(Truncate(text, SlackLimits.MaxHeaderText)),
    };

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text, ["emoji"] = true };

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    private static JsonObject Section(string mrkdwn) => new() { ["type"] = "section", ["text"] = Mrkdwn(mrkdwn) };

    private static JsonObject Context(string mrkdwn) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray(Mrkdwn(Truncate(mrkdwn, SlackLimits.MaxContextText))),
    };

    private static List<JsonObject> Sections(string mrkdwn) =>
        Split(mrkdwn, SlackLimits.MaxSectionText).Select(Section).ToList();

    private static List<JsonObject> FactSections(FactsBlock facts)
    {
        var sections = new List<JsonObject>();
        foreach (var chunk in facts.Facts.Chunk(SlackLimits.MaxSectionFields))
        {
            var fields = new JsonArray();
            foreach (var fact in chunk)
            {
                fields.Add(Mrkdwn(Truncate($"*{SlackMrkdwn.Escape(fact.Label)}*\n{SlackMrkdwn.Escape(fact.Value)}", SlackLimits.MaxFieldText)));
            }

            sections.Add(new JsonObject { ["type"] = "section", ["fields"] = fields });
        }

        return sections;
    }

    private JsonObject CostTable(CostTableBlock table)
    {
        var showChange = table.Rows.Any(r => r.Change is not null) || table.Total?.Change is not null;
        var showShare = table.Rows.Any(r => r.Share is not null) || table.Total?.Share is not null;
        var lines = new List<string[]> { Columns(Truncate(table.LabelHeader, TableLabelWidth), "Cost", "Change", "Share") };
        var shown = table.Rows.Take(DefaultMaxTableRows).ToList();
        lines.AddRange(shown.Select(Cells));
        if (table.Total is { } total)
        {
            lines.Add(Cells(total));
        }

        var widths = Enumerable.Range(0, lines[0].Length).Select(i => lines.Max(l => l[i].Length)).ToArray();
        var builder = new StringBuilder("```\n");
        var budget = SlackLimits.MaxSectionText - 64;
        var hidden = table.Rows.Count - shown.Count;
        for (var i = 0; i < lines.Count; i++)
        {
            // Pad before escaping: entities such as &amp; show as one character in the monospaced block.
            var line = SlackMrkdwn.Escape(Format(lines[i], widths));
            if (builder.Length + line.Length + 1 > budget)
            {
                hidden += lines.Count - i - (table.Total is null ? 0 : 1);
                break;
            }

            builder.Append(line).Append('\n');
        }

        builder.Append("```");
        if (hidden > 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $"\n_...and {hidden} more_");
        }

        return Section(builder.ToString());

        string[] Columns(string label, string cost, string change, string share)
        {
            var columns = new List<string> { label, cost };
            if (showChange)
            {
                columns.Add(change);
            }

            if (showShare)
            {
                columns.Add(share);
            }

            return columns.ToArray();
        }

        string[] Cells(CostTableRow row) => Columns(
            Truncate(row.Label, TableLabelWidth),
            formatter.Format(row.Amount),
            row.Change is { } delta ? formatter.FormatDelta(delta) : "–",
            row.Share is { } share ? formatter.FormatShare(share) : "–");

        static string Format(string[] cells, int[] widths)
        {
            var parts = cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]));
            return string.Join("  ", parts).TrimEnd();
        }
    }

    private JsonObject KeyNumber(KeyNumberBlock key)
    {
        var text = $"{SlackMrkdwn.Escape(key.Label)}\n*{formatter.Format(key.Value)}*";
        if (key.Change is { } change)
        {
            text += $"  {formatter.FormatDelta(change)} {SlackMrkdwn.Escape(key.ChangeLabel ?? KeyNumberBlock.DefaultChangeLabel)}";
        }

        return Section(Truncate(text, SlackLimits.MaxSectionText));
    }

    private List<JsonObject> Chart(ChartBlock chart)
    {
        var blocks = new List<JsonObject>();
        var url = chartImages.GetImageUrl(chart.Spec);
        if (url is { Scheme: "https" or "http" } && url.AbsoluteUri.Length <= SlackLimits.MaxImageUrl)
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "image",
                ["image_url"] = url.AbsoluteUri,
                ["alt_text"] = Truncate(chart.AltText, SlackLimits.MaxImageAltText),
                ["title"] = PlainText(Truncate(chart.Spec.Title, SlackLimits.MaxImageTitle)),
            });
        }
        else
        {
            blocks.Add(Section(Truncate("_" + SlackMrkdwn.Escape(chart.AltText) + "_", SlackLimits.MaxSectionText)));
        }

        blocks.Add(Context(SlackMrkdwn.Escape(ChartSummary.DescribeText(chart.Spec, formatter))));
        return blocks;
    }

    private static List<JsonObject> Actions(ActionsBlock actions, int ordinal)
    {
        var elements = new JsonArray();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var dropped = new List<string>();
        foreach (var action in actions.Actions.Take(SlackLimits.MaxActionsElements))
        {
            var value = JsonSerializer.Serialize(new SortedDictionary<string, string>(action.Payload.ToDictionary(), StringComparer.Ordinal), SlackJsonContext.Default.SortedDictionaryStringString);
            if (value.Length > SlackLimits.MaxButtonValue || action.ActionId.Length > SlackLimits.MaxActionId - 4)
            {
                dropped.Add(action.Title);
                continue;
            }

            var count = seen[action.ActionId] = seen.GetValueOrDefault(action.ActionId) + 1;
            var button = new JsonObject
            {
                ["type"] = "button",
                ["text"] = PlainText(Truncate(action.Title, SlackLimits.MaxButtonText)),
                ["action_id"] = count == 1 ? action.ActionId : $"{action.ActionId}{ActionIdSuffixSeparator}{count.ToString(CultureInfo.InvariantCulture)}",
                ["value"] = value,
            };
            switch (action.Style)
            {
                case ActionStyle.Primary:
                    button["style"] = "primary";
                    break;
                case ActionStyle.Danger:
                    button["style"] = "danger";
                    break;
                case ActionStyle.Default:
                    break;
                default:
                    throw new UnreachableException($"Action style {action.Style} is not rendered for Slack.");
            }

            if (action.Confirmation is { } confirmation)
            {
                var confirm = new JsonObject
                {
                    ["title"] = PlainText(Truncate(confirmation.Title, SlackLimits.MaxConfirmTitle)),
                    ["text"] = PlainText(Truncate(confirmation.Text, SlackLimits.MaxConfirmText)),
                    ["confirm"] = PlainText(Truncate(confirmation.ConfirmLabel, SlackLimits.MaxConfirmButton)),
                    ["deny"] = PlainText(Truncate(confirmation.DenyLabel, SlackLimits.MaxConfirmButton)),
                };
                if (action.Style == ActionStyle.Danger)
                {
                    confirm["style"] = "danger";
                }

                button["confirm"] = confirm;
            }

            elements.Add(button);
        }

        var blocks = new List<JsonObject>();
        if (elements.Count > 0)
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "actions",
                ["block_id"] = "actions-" + ordinal.ToString(CultureInfo.InvariantCulture),
                ["elements"] = elements,
            });
        }

        if (dropped.Count > 0)
        {
            blocks.Add(Context(SlackMrkdwn.Escape($"Not available in Slack: {string.Join(", ", dropped)}.")));
        }

        return blocks;
    }

    private static JsonObject Input(TextInputBlock input)
    {
        var element = new JsonObject
        {
            ["type"] = "plain_text_input",
            ["action_id"] = input.Id,
            ["multiline"] = input.Multiline,
            ["max_length"] = 500,
        };
        if (input.Placeholder is { } placeholder)
        {
            element["placeholder"] = PlainText(Truncate(placeholder, SlackLimits.MaxInputPlaceholder));
        }

        return new JsonObject
        {
            ["type"] = "input",
            ["block_id"] = input.Id,
            ["label"] = PlainText(Truncate(input.Label, SlackLimits.MaxInputLabel)),
            ["element"] = element,
            ["optional"] = !input.Required,
        };
    }

    private static List<JsonObject> FitBlockCount(List<JsonObject> blocks)
    {
        if (blocks.Count <= SlackLimits.MaxBlocks)
        {
            return blocks;
        }

        static bool Keep(JsonObject block) => (string?)block["type"] is "header" or "actions" or "input";
        var budget = SlackLimits.MaxBlocks - 1 - blocks.Count(Keep);
        var result = new List<JsonObject>();
        var dropped = 0;
        var noteIndex = -1;
        foreach (var block in blocks)
        {
            if (Keep(block))
            {
                if (noteIndex < 0 && (string?)block["type"] != "header")
                {
                    noteIndex = result.Count;
                }

                result.Add(block);
            }
            else if (budget > 0)
            {
                result.Add(block);
                budget--;
            }
            else
            {
                dropped++;
            }
        }

        var note = Context($"_...and {dropped.ToString(CultureInfo.InvariantCulture)} more parts not shown in Slack._");
        result.Insert(noteIndex < 0 ? result.Count : noteIndex, note);
        return result;
    }

    private static IEnumerable<string> Split(string text, int max)
    {
        while (text.Length > max)
        {
            var cut = text.LastIndexOf('\n', max - 1);
            if (cut < max / 2)
            {
                cut = text.LastIndexOf(' ', max - 1);
            }

            if (cut <= 0)
            {
                cut = max;
            }

            yield return text[..cut];
            text = text[cut..].TrimStart('\n', ' ');
        }

        if (text.Length > 0)
        {
            yield return text;
        }
    }

    private static string Truncate(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
