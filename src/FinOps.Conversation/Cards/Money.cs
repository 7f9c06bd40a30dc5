namespace FinOps.Conversation.Cards;

/// <summary>An amount with its ISO 4217 currency. Amounts of different currencies are never added.</summary>
public readonly record struct Money(decimal Amount, string Currency);
