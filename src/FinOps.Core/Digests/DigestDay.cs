namespace FinOps.Core.Digests;

/// <summary>One day of the digest week with the same weekday of the week before.</summary>
public sealed record DigestDay(DateOnly Date, decimal Value, decimal PreviousValue);
