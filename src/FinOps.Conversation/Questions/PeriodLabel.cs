namespace FinOps.Conversation.Questions;

/// <summary>How a period was named in the question ("last week", "in October"), for the answer's first sentence.</summary>
/// <param name="Phrase">The phrase as the answer repeats it, e.g. "last week", "this month so far".</param>
/// <param name="IsForecastHorizon">True when the period is a full unit that is still running (used for forecasts).</param>
public sealed record PeriodLabel(string Phrase, bool IsForecastHorizon = false);
