using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Charts;
using FinOps.Conversation.Rendering;

namespace FinOps.Teams.Cards;

/// <summary>Renders cards as Adaptive Cards 1.5 for Teams bots.</summary>
/// <remarks>
/// <para>Buttons are <c>Action.Execute</c> (verb = neutral action id, data = payload) so Teams sends an
/// <c>adaptiveCard/action</c> invoke and the bot can answer with the refreshed card; each carries an
/// <c>Action.Submit</c> fallback for clients without Universal Actions, whose data is the payload plus
/// <see cref="SubmitVerbKey"/> = action id (Teams merges input values into the same object).</para>
/// <para>Adaptive Cards have no confirmation dialog, so a button with a confirmation becomes an
/// <c>Action.ShowCard</c> revealing the question and the real button.</para>
/// <para>The serialized card stays under <see cref="MaxCardBytes"/>: tables are cut to fewer rows
/// ("...and N more"), then images are dropped, then long texts are shortened.</para>
/// </remarks>
public sealed class AdaptiveCardRenderer(MoneyFormatter formatter, IChartImageUrlProvider chartImages) : IAdaptiveCardRenderer
{
    public const string SchemaUrl = "http://adaptivecards.io/schemas/adaptive-card.json";
    public const string Version = "1.5";

    /// <summary>The channel name of Teams users (<see cref="ChatUser.Channel"/>), whose ids are MRIs such as <c>29:...</c>.</summary>
    public const string TeamsChannel = "teams";

    /// <summary>The key holding the action id in <c>Action.Submit</c> fallback data.</summary>
    public const string SubmitVerbKey = "verb";

    /// <summary>Teams rejects bot messages over about 28 KB of card JSON in practice; stay under it.</summary>
    public const int MaxCardBytes = 28_000;

    /// <summary>Rows of a cost table shown before "...and N more" when the card is small enough.</summary>
    public const int DefaultMaxTableRows = 15;

    private const int MaxTextLength = 2_000;

    public JsonObject Render(Card card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var limits = new Limits(DefaultMaxTableRows, IncludeImages: true, MaxTextLength);
        while (true)
        {
            var json = RenderWith(card, limits);
            var size = Encoding.UTF8.GetByteCount(json.ToJsonString());
            if (size <= MaxCardBytes)
            {
                return json;
            }

            if (limits.MaxTableRows > 3)
            {
                limits = limits with { MaxTableRows = limits.MaxTableRows / 2 };
            }
            else if (limits.IncludeImages)
            {
                limits = limits with { IncludeImages = false };
            }
            else if (limits.MaxTextLength > 100)
            {
                limits = limits with { MaxTextLength = limits.MaxTextLength / 2 };
            }
            else
            {
                return json;
            }
        }
    }

    private JsonObject RenderWith(Card card, Limits limits)
    {
        var body = new JsonArray();
        var separatorPending = false;
        foreach (var block in card.Refresh?.OthersSee ?? card.Blocks)
        {
            if (block is DividerBlock)
            {
                separatorPending = body.Count > 0;
                continue;
            }

            var elements = RenderBlock(block, limits);
            if (elements.Count > 0 && separatorPending)
            {
                elements[0]["separator"] = true;
                elements[0]["spacing"] = "Medium";
                separatorPending = false;
            }

            foreach (var element in elements)
            {
                body.Add(element);
            }
        }

        var result = new JsonObject
        {
            ["$schema"] = SchemaUrl,
            ["type"] = "AdaptiveCard",
            ["version"] = Version,
            ["fallbackText"] = Truncate(card.FallbackText, limits.MaxTextLength),
            ["body"] = body,
        };
        if (card.Refresh is { } refresh)
        {
            result["refresh"] = Refresh(refresh);
        }

        return result;
    }

    private List<JsonObject> RenderBlock(CardBlock block, Limits limits) => block switch
    {
        TitleBlock title => [Text(Truncate(title.Text, 300), ("size", "Large"), ("weight", "Bolder"), ("style", "heading"))],
        TextBlock text => [Text(ToAdaptiveMarkdown(Truncate(text.Markdown, limits.MaxTextLength)))],
        FactsBlock facts => [FactSet(facts)],
        CostTableBlock table => RenderTable(table, limits),
        KeyNumberBlock key => [KeyNumber(key)],
        ChartBlock chart => RenderChart(chart, limits),
        DividerBlock => [],
        ContextBlock context => [Text(Truncate(context.Text, limits.MaxTextLength), ("isSubtle", true), ("size", "Small"))],
        ActionsBlock actions => actions.Actions.Count == 0 ? [] : [ActionSet(actions)],
        TextInputBlock input => [TextInput(input)],
        _ => throw new UnreachableException($"Block type {block.GetType().Name} is not rendered for Teams."),
    };

    private static JsonObject Text(string text, params (string Name, JsonNode? Value)[] properties)
    {
        var element = new JsonObject
        {
            ["type"] = "TextBlock",
            ["text"] = text,
            ["wrap"] = true,
        };
        foreach (var (name, value) in properties)
        {
            element[name] = value;
        }

        return element;
    }

    private static JsonObject FactSet(FactsBlock facts) => new()
    {
        ["type"] = "FactSet",
        ["facts"] = new JsonArray(facts.Facts.Select(f => (JsonNode)new JsonObject
        {
            ["title"] = Truncate(f.Label, 100),
            ["value"] = Truncate(f.Value, 500),
        }).ToArray()),
    };

    private List<JsonObject> RenderTable(CostTableBlock table, Limits limits)
    {
        var showChange = table.Rows.Any(r => r.Change is not null) || table.Total?.Change is not null;
        var showShare = table.Rows.Any(r => r.Share is not null) || table.Total?.Share is not null;
        var columns = new JsonArray { new JsonObject { ["width"] = 3 }, new JsonObject { ["width"] = 2 } };
        var header = new List<JsonObject> { HeaderCell(table.LabelHeader, left: true), HeaderCell("Cost", left: false) };
        if (showChange)
        {
            columns.Add(new JsonObject { ["width"] = 2 });
            header.Add(HeaderCell("Change", left: false));
        }

        if (showShare)
        {
            columns.Add(new JsonObject { ["width"] = 1 });
            header.Add(HeaderCell("Share", left: false));
        }

        var rows = new JsonArray { Row(header) };
        foreach (var row in table.Rows.Take(limits.MaxTableRows))
        {
            rows.Add(Row(CostCells(row, showChange, showShare, bold: false)));
        }

        var hidden = table.Rows.Count - Math.Min(table.Rows.Count, limits.MaxTableRows);
        if (table.Total is { } total)
        {
            rows.Add(Row(CostCells(total, showChange, showShare, bold: true)));
        }

        var elements = new List<JsonObject>
        {
            new()
            {
                ["type"] = "Table",
                ["columns"] = columns,
                ["rows"] = rows,
                ["firstRowAsHeaders"] = true,
                ["showGridLines"] = false,
            },
        };
        if (hidden > 0)
        {
            elements.Add(Text($"...and {hidden} more", ("isSubtle", true), ("size", "Small"), ("spacing", "Small")));
        }

        return elements;
    }

    private static JsonObject HeaderCell(string text, bool left) =>
        Cell(Text(text, ("weight", "Bolder")), left);

    private static JsonObject Cell(JsonObject item, bool left)
    {
        if (!left)
        {
            item["horizontalAlignment"] = "Right";
        }

        return new JsonObject { ["type"] = "TableCell", ["items"] = new JsonArray(item) };
    }

    private static JsonObject Row(IEnumerable<JsonObject> cells) =>
        new() { ["type"] = "TableRow", ["cells"] = new JsonArray(cells.Select(c => (JsonNode)c).ToArray()) };

    private List<JsonObject> CostCells(CostTableRow row, bool showChange, bool showShare, bool bold)
    {
        JsonObject Styled(string text)
        {
            var element = Text(text);
            if (bold)
            {
                element["weight"] = "Bolder";
            }

            return element;
        }

        var cells = new List<JsonObject>
        {
            Cell(Styled(Truncate(row.Label, 200)), left: true),
            Cell(Styled(formatter.Format(row.Amount)), left: false),
        };
        if (showChange)
        {
            var change = Styled(row.Change is { } delta ? formatter.FormatDelta(delta) : "–");
            if (row.Change is { } d && ColorOf(d) is { } color)
            {
                change["color"] = color;
            }

            cells.Add(Cell(change, left: false));
        }

        if (showShare)
        {
            cells.Add(Cell(Styled(row.Share is { } share ? formatter.FormatShare(share) : "–"), left: false));
        }

        return cells;
    }

    private JsonObject KeyNumber(KeyNumberBlock key)
    {
        var columns = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "Column",
                ["width"] = "auto",
                ["items"] = new JsonArray(Text(formatter.Format(key.Value), ("size", "ExtraLarge"), ("weight", "Bolder"))),
            },
        };
        if (key.Change is { } change)
        {
            var delta = Text(formatter.FormatDelta(change) + " " + (key.ChangeLabel ?? KeyNumberBlock.DefaultChangeLabel), ("spacing", "None"));
            if (ColorOf(change) is { } color)
            {
                delta["color"] = color;
            }

            columns.Add(new JsonObject
            {
                ["type"] = "Column",
                ["width"] = "stretch",
                ["verticalContentAlignment"] = "Center",
                ["items"] = new JsonArray(delta),
            });
        }

        return new JsonObject
        {
            ["type"] = "Container",
            ["items"] = new JsonArray(
                Text(Truncate(key.Label, 200), ("isSubtle", true), ("spacing", "None")),
                new JsonObject { ["type"] = "ColumnSet", ["spacing"] = "None", ["columns"] = columns }),
        };
    }

    private List<JsonObject> RenderChart(ChartBlock chart, Limits limits)
    {
        var elements = new List<JsonObject>();
        var url = limits.IncludeImages ? chartImages.GetImageUrl(chart.Spec) : null;
        if (url is not null)
        {
            elements.Add(new JsonObject
            {
                ["type"] = "Image",
                ["url"] = url.OriginalString,
                ["altText"] = Truncate(chart.AltText, 500),
                ["size"] = "Stretch",
            });
        }
        else
        {
            elements.Add(Text(Truncate(chart.AltText, limits.MaxTextLength), ("size", "Small")));
        }

        elements.Add(Text(ChartSummary.DescribeText(chart.Spec, formatter), ("isSubtle", true), ("size", "Small"), ("spacing", "Small")));
        return elements;
    }

    /// <summary>
    /// The Universal Actions refresh clause. Listed users' clients invoke the action automatically; without a Teams user
    /// the list is left out, so every client of a chat of up to 60 members refreshes and gets its own view.
    /// </summary>
    private static JsonObject Refresh(CardRefresh refresh)
    {
        var action = new JsonObject
        {
            ["type"] = "Action.Execute",
            ["title"] = Truncate(refresh.Action.Title, 75),
            ["verb"] = refresh.Action.ActionId,
            ["data"] = PayloadObject(refresh.Action.Payload),
        };
        var node = new JsonObject { ["action"] = action };
        var userIds = refresh.Users
            .Where(u => u.Channel == TeamsChannel && !string.IsNullOrEmpty(u.Id))
            .Select(u => u.Id)
            .Distinct(StringComparer.Ordinal)
            .Take(CardRefresh.MaxUsers)
            .ToArray();
        if (userIds.Length > 0)
        {
            node["userIds"] = new JsonArray(userIds.Select(id => (JsonNode)JsonValue.Create(id)).ToArray());
        }

        return node;
    }

    private static JsonObject ActionSet(ActionsBlock actions) => new()
    {
        ["type"] = "ActionSet",
        ["actions"] = new JsonArray(actions.Actions.Select(a => (JsonNode)RenderAction(a)).ToArray()),
    };

    private static JsonObject RenderAction(CardAction action)
    {
        var execute = ExecuteAction(action, action.Title);
        if (action.Confirmation is not { } confirmation)
        {
            return execute;
        }

        var confirm = ExecuteAction(action, confirmation.ConfirmLabel);
        return new JsonObject
        {
            ["type"] = "Action.ShowCard",
            ["title"] = Truncate(action.Title, 75),
            ["card"] = new JsonObject
            {
                ["type"] = "AdaptiveCard",
                ["body"] = new JsonArray(
                    Text(Truncate(confirmation.Title, 200), ("weight", "Bolder")),
                    Text(Truncate(confirmation.Text, 1000))),
                ["actions"] = new JsonArray(confirm),
            },
        };
    }

    private static JsonObject ExecuteAction(CardAction action, string title)
    {
        var execute = new JsonObject
        {
            ["type"] = "Action.Execute",
            ["title"] = Truncate(title, 75),
            ["verb"] = action.ActionId,
            ["data"] = PayloadObject(action.Payload),
        };
        var submitData = PayloadObject(action.Payload);
        submitData[SubmitVerbKey] = action.ActionId;
        var fallback = new JsonObject
        {
            ["type"] = "Action.Submit",
            ["title"] = Truncate(title, 75),
            ["data"] = submitData,
        };
        if (StyleOf(action.Style) is { } style)
        {
            execute["style"] = style;
            fallback["style"] = style;
        }

        execute["fallback"] = fallback;
        return execute;
    }

    private static JsonObject PayloadObject(IReadOnlyDictionary<string, string> payload)
    {
        var data = new JsonObject();
        foreach (var (key, value) in payload.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data[key] = value;
        }

        return data;
    }

    private static JsonObject TextInput(TextInputBlock input)
    {
        var element = input.Minimum is { } minimum
            ? new JsonObject
            {
                ["type"] = "Input.Number",
                ["id"] = input.Id,
                ["label"] = Truncate(input.Label, 200),
                ["min"] = minimum,
            }
            : new JsonObject
            {
                ["type"] = "Input.Text",
                ["id"] = input.Id,
                ["label"] = Truncate(input.Label, 200),
                ["isMultiline"] = input.Multiline,
                ["maxLength"] = 500,
            };
        if (input.Placeholder is { } placeholder)
        {
            element["placeholder"] = Truncate(placeholder, 150);
        }

        if (input.Required)
        {
            element["isRequired"] = true;
            element["errorMessage"] = $"{input.Label} is required.";
        }

        return element;
    }

    private static string? StyleOf(ActionStyle style) => style switch
    {
        ActionStyle.Primary => "positive",
        ActionStyle.Danger => "destructive",
        _ => null,
    };

    private static string? ColorOf(Delta delta) => MoneyFormatter.DirectionOf(delta) switch
    {
        DeltaDirection.Up => "Attention",
        DeltaDirection.Down => "Good",
        _ => null,
    };

    /// <summary>Our light markdown is close to Adaptive Cards markdown; line breaks need a blank line to show in Teams.</summary>
    private static string ToAdaptiveMarkdown(string markdown)
    {
        var builder = new StringBuilder();
        foreach (var span in LightMarkdown.Parse(markdown))
        {
            if (span.IsLineBreak)
            {
                builder.Append("\n\n");
                continue;
            }

            var text = span.Link is { } link ? $"[{span.Text}]({link.AbsoluteUri})" : span.Text;
            if (span.Italic)
            {
                text = "_" + text + "_";
            }

            if (span.Bold)
            {
                text = "**" + text + "**";
            }

            builder.Append(text);
        }

        return builder.ToString();
    }

    private static string Truncate(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    private sealed record Limits(int MaxTableRows, bool IncludeImages, int MaxTextLength);
}
