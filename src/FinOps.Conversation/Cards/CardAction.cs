namespace FinOps.Conversation.Cards;

/// <summary>A button. <see cref="ActionId"/> is neutral (e.g. <c>budget.approve</c>); the payload stays small (it travels in button values).</summary>
public sealed record CardAction(
    string ActionId,
    string Title,
    IReadOnlyDictionary<string, string> Payload,
    ActionStyle Style = ActionStyle.Default,
    ActionConfirmation? Confirmation = null);

public enum ActionStyle
{
    Default,
    Primary,
    Danger,
}

public sealed record ActionConfirmation(string Title, string Text, string ConfirmLabel, string DenyLabel);
