using FinOps.Core.Query;

namespace FinOps.Conversation.Questions;

/// <summary>A question understood as a <see cref="CostQuery"/> plus what the answer needs to phrase it.</summary>
/// <remarks>
/// <see cref="Query"/> is null only when <see cref="Intent"/> is <see cref="QuestionIntent.Unknown"/>.
/// When <see cref="Ambiguities"/> is not empty the query holds the first candidate of each ambiguous word and
/// the answer asks back instead of running it.
/// </remarks>
public sealed record ParsedQuestion
{
    public required string Text { get; init; }

    public required QuestionIntent Intent { get; init; }

    public CostQuery? Query { get; init; }

    public PeriodLabel PeriodLabel { get; init; } = new("this month so far");

    public PeriodLabel? ComparePeriodLabel { get; init; }

    /// <summary>For a plain total: the period it is naturally compared with ("the week before"), shown as context only.</summary>
    public DateRange? ContextComparePeriod { get; init; }

    public PeriodLabel? ContextCompareLabel { get; init; }

    /// <summary>For a period still running ("this month so far"): the whole unit (December), the forecast's horizon.</summary>
    public DateRange? RunningUnit { get; init; }

    /// <summary>For a period still running: the whole unit before it (all of November), shown as context, never compared with the part.</summary>
    public DateRange? PreviousUnit { get; init; }

    /// <summary>The running unit's name ("month", "week", "quarter"), for "all of last month".</summary>
    public string? RunningUnitName { get; init; }

    /// <summary>For "which team grew the most": the direction of change that counts; <see cref="ChangeDirection.Any"/> otherwise.</summary>
    public ChangeDirection RankChanges { get; init; }

    public IReadOnlyList<ValueAmbiguity> Ambiguities { get; init; } = [];

    /// <summary>For a breakdown asked as "cheapest" / "least expensive": the answer names the smallest row (rows stay largest first).</summary>
    public bool AsksForSmallest { get; init; }

    /// <summary>Words that looked like names but matched nothing in the data; the answer says so.</summary>
    public IReadOnlyList<string> UnrecognisedWords { get; init; } = [];

    /// <summary>Why the question's period cannot be used ("there is no Q99: quarters are Q1 to Q4"); the answer says so instead of guessing a period.</summary>
    public string? PeriodProblem { get; init; }

    /// <summary>The figure asked for: the amount, an average, a share, savings (see <see cref="QuestionMeasure"/>).</summary>
    public QuestionMeasure Measure { get; init; }

    /// <summary>Words that would change the answer but cannot be applied; when not empty the answer asks back instead of answering another question.</summary>
    public IReadOnlyList<UnappliedWord> Unapplied { get; init; } = [];

    /// <summary>For <see cref="QuestionIntent.UnitCost"/>: the business metric asked for, its scale and the answer's layout.</summary>
    public UnitCostRequest? UnitCost { get; init; }

    /// <summary>When this was read as a follow-up ("and the month before?"): the text of the question it followed.</summary>
    public string? FollowUpOf { get; init; }

    /// <summary>True when the language model, not the parser, produced the query.</summary>
    public bool FromLanguageModel { get; init; }

    public bool Understood => Intent != QuestionIntent.Unknown && Query is not null;

    public static ParsedQuestion NotUnderstood(string text) => new() { Text = text, Intent = QuestionIntent.Unknown };
}
