namespace FinOps.Conversation.Answers;

/// <summary>One row of a machine-readable answer.</summary>
/// <param name="Key">Dimension name (as <c>Dimension.ToString()</c>, or <c>date</c> for a time bucket) to value, in query order.</param>
/// <param name="Value">The amount in the primary (more recent) period.</param>
/// <param name="CompareValue">The amount in the comparison period, when there is one.</param>
public sealed record AnswerRow(IReadOnlyList<KeyValuePair<string, string>> Key, decimal Value, decimal? CompareValue)
{
    /// <summary>The row's share of the answer's total (0.25 = 25%), for breakdown rows; null otherwise.</summary>
    public decimal? Share { get; init; }

    /// <summary>The row's average per day, when the question asked for an average.</summary>
    public decimal? Average { get; init; }
}
