namespace FinOps.Conversation.Cards;

/// <summary>How a card answering a click is shown, read from its <see cref="Card.Kind"/>: in place (default), privately, or as a form.</summary>
/// <remarks>
/// A kind ending in <see cref="PrivateSuffix"/> is for the clicking person only (Slack: an ephemeral message; Teams: the
/// invoke response, which only that user sees) and leaves the clicked card as it is. A kind ending in
/// <see cref="FormSuffix"/> is a form of text inputs and one submit button (Slack: a modal opened with the click's
/// <c>trigger_id</c>; Teams: the card with <c>Action.Execute</c> inputs).
/// </remarks>
public static class CardReply
{
    public const string PrivateSuffix = "-private";
    public const string FormSuffix = "-form";

    public static bool IsPrivate(Card card) => card?.Kind.EndsWith(PrivateSuffix, StringComparison.Ordinal) == true;

    public static bool IsForm(Card card) => card?.Kind.EndsWith(FormSuffix, StringComparison.Ordinal) == true;
}
