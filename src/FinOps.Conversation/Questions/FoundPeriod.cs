using FinOps.Core.Query;

namespace FinOps.Conversation.Questions;

/// <summary>A period expression found in a question.</summary>
/// <param name="Range">The half-open dates.</param>
/// <param name="Phrase">How the answer names it ("last week", "in October").</param>
/// <param name="Unit">The unit it names (for "the week before").</param>
/// <param name="ToDate">True when the unit is still running and the range stops after today.</param>
/// <param name="FullUnit">For a running unit, the whole unit (the forecast horizon).</param>
/// <param name="Relative">True for "the week before", "the previous month": resolved against the other period.</param>
/// <param name="PhraseHasDates">True when the phrase already spells the dates ("from Sep 3 to Sep 9").</param>
internal sealed record FoundPeriod(
    DateRange Range,
    string Phrase,
    PeriodUnit Unit,
    bool ToDate = false,
    DateRange? FullUnit = null,
    bool Relative = false,
    bool PhraseHasDates = false)
{
    /// <summary>Index of the first word of the expression in the question.</summary>
    public int TokenIndex { get; init; } = -1;

    /// <summary>For "since last month": the period named after "since".</summary>
    public FoundPeriod? Since { get; init; }
}
