namespace FinOps.Conversation.Cards;

/// <summary>A channel-neutral message: built once, rendered to Adaptive Cards, Block Kit or HTML.</summary>
/// <param name="Kind">What the card is (answer, digest, anomaly, approval, help, error), for logging and tests.</param>
/// <param name="FallbackText">Plain text for notifications and clients that show no cards; carries the key numbers.</param>
/// <param name="Blocks">The content, in order.</param>
public sealed record Card(string Kind, string FallbackText, IReadOnlyList<CardBlock> Blocks)
{
    /// <summary>Per-person views, on channels that support them; null for a card everyone sees alike.</summary>
    public CardRefresh? Refresh { get; init; }
}
