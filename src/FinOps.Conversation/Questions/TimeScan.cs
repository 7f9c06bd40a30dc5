namespace FinOps.Conversation.Questions;

/// <summary>Everything the time scanner found in a question.</summary>
internal sealed class TimeScan
{
    public List<FoundPeriod> Periods { get; } = [];

    /// <summary>"so far" / "to date" without a unit.</summary>
    public bool SoFar { get; set; }

    /// <summary>"year over year", "same period last year".</summary>
    public bool YearOverYear { get; set; }

    /// <summary>"week over week" (Week), "month over month" (Month), "quarter over quarter" (Quarter).</summary>
    public PeriodUnit? PeriodOverPeriod { get; set; }

    /// <summary>"by the end of the month/quarter/year": the running unit to forecast.</summary>
    public PeriodUnit? EndOf { get; set; }

    /// <summary>Why a period in the question cannot be used ("there is no Q99: quarters are Q1 to Q4"); the first one found.</summary>
    public string? Problem { get; set; }
}
