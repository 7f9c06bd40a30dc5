using System.Text.Json;
using System.Text.Json.Nodes;
using FinOps.Conversation.Cards;

namespace FinOps.Slack.BlockKit;

/// <summary>
/// A form card as a Slack modal (<c>views.open</c>), and back: the submit button's action id and payload and the clicked
/// message travel in <c>private_metadata</c>, so the <c>view_submission</c> becomes the same neutral click.
/// </summary>
public static class SlackFormView
{
    /// <summary>The <c>callback_id</c> of every form modal the bot opens.</summary>
    public const string CallbackId = "finops.form";

    private const int MaxTitle = 24;
    private const int MaxMetadata = 3000;

    /// <summary>The modal for <paramref name="card"/> (rendered as <paramref name="content"/>), or null when the card has no single submit button.</summary>
    public static JsonObject? Create(Card card, SlackMessageContent content, string channelId, string? messageTs)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(content);
        var submit = card.Blocks.OfType<ActionsBlock>().SelectMany(a => a.Actions).ToList();
        if (submit.Count != 1)
        {
            return null;
        }

        var metadata = new JsonObject
        {
            ["a"] = submit[0].ActionId,
            ["p"] = new JsonObject([.. submit[0].Payload.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))]),
            ["c"] = channelId,
            ["t"] = messageTs,
        }.ToJsonString();
        if (metadata.Length > MaxMetadata)
        {
            return null;
        }

        var title = card.Blocks.OfType<TitleBlock>().FirstOrDefault()?.Text ?? card.FallbackText;
        return new JsonObject
        {
            ["type"] = "modal",
            ["callback_id"] = CallbackId,
            ["title"] = PlainText(title),
            ["submit"] = PlainText(submit[0].Title),
            ["close"] = PlainText("Cancel"),
            ["private_metadata"] = metadata,
            // The modal's own submit button replaces the card's; the header repeats the title.
            ["blocks"] = new JsonArray([.. content.Blocks.OfType<JsonObject>()
                .Where(b => (string?)b["type"] is not ("actions" or "header"))
                .Select(b => b.DeepClone())]),
        };
    }

    /// <summary>Reads back what <see cref="Create"/> put in <c>private_metadata</c>; false when it is not one of ours.</summary>
    public static bool TryRead(string? metadata, out string actionId, out Dictionary<string, string> payload, out string channelId, out string? messageTs)
    {
        actionId = string.Empty;
        channelId = string.Empty;
        messageTs = null;
        payload = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(metadata))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(metadata);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("a", out var a) || a.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("c", out var c) || c.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            actionId = a.GetString()!;
            channelId = c.GetString()!;
            messageTs = root.TryGetProperty("t", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (root.TryGetProperty("p", out var p) && p.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in p.EnumerateObject().Where(x => x.Value.ValueKind == JsonValueKind.String))
                {
                    payload[property.Name] = property.Value.GetString()!;
                }
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static JsonObject PlainText(string text) => new()
    {
        ["type"] = "plain_text",
        ["text"] = text.Length <= MaxTitle ? text : text[..(MaxTitle - 1)] + "…",
    };
}
