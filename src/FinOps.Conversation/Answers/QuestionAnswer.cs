using FinOps.Conversation.Cards;
using FinOps.Conversation.Questions;
using FinOps.Core.Freshness;

namespace FinOps.Conversation.Answers;

/// <summary>The answer to a question: the machine part (every number from query results) and the card to show.</summary>
/// <param name="Question">What was understood.</param>
/// <param name="Currency">The currency of the figures (the main currency when the data has several); null when nothing was queried.</param>
/// <param name="Total">The answer's main figure (for a forecast, the run-rate forecast); null when there is none.</param>
/// <param name="CompareTotal">The comparison period's total, for compare and drivers.</param>
/// <param name="Rows">Breakdown rows: by value descending, by time for trends, by absolute change for drivers.</param>
/// <param name="Text">The answer in plain text; its first sentence is the direct answer.</param>
/// <param name="Card">The card for chat channels.</param>
public sealed record QuestionAnswer(
    ParsedQuestion Question,
    string? Currency,
    decimal? Total,
    decimal? CompareTotal,
    IReadOnlyList<AnswerRow> Rows,
    string Text,
    Card Card)
{
    /// <summary>The last complete day of data the answer used (never today); null when nothing was queried.</summary>
    public DateOnly? DataThrough { get; init; }

    /// <summary>Per provider, how far the synced exports are complete; null when no ingestion source has delivered (or nothing was queried).</summary>
    public IReadOnlyList<ProviderFreshness>? CompleteThrough { get; init; }

    /// <summary>For a question asked back: the choices offered (the question is then not understood); null for an answer.</summary>
    public IReadOnlyList<ClarifyOption>? Clarify { get; init; }

    /// <summary>The figures behind an average, a share or savings; null for other answers.</summary>
    public MeasureFigures? Figures { get; init; }

    /// <summary>For a unit-cost question: the metric, scope and figures behind <see cref="Total"/>; null otherwise.</summary>
    public UnitCostAnswer? UnitCost { get; init; }
}
