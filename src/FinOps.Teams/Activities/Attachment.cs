using System.Text.Json.Nodes;

namespace FinOps.Teams.Activities;

/// <summary>An activity attachment; the bot sends Adaptive Cards as <c>application/vnd.microsoft.card.adaptive</c>.</summary>
public sealed class Attachment
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    public string? ContentType { get; set; }

    public JsonNode? Content { get; set; }
}
