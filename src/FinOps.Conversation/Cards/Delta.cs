namespace FinOps.Conversation.Cards;

/// <summary>A change between two periods: the absolute difference and, when the base is not zero, the ratio (0.04 = +4%).</summary>
public sealed record Delta(Money Change, decimal? Ratio)
{
    public static Delta Between(Money current, Money previous)
    {
        if (!string.Equals(current.Currency, previous.Currency, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Cannot compare {current.Currency} with {previous.Currency}.");
        }

        var change = current.Amount - previous.Amount;
        decimal? ratio = previous.Amount == 0 ? null : change / Math.Abs(previous.Amount);
        return new Delta(new Money(change, current.Currency), ratio);
    }
}
