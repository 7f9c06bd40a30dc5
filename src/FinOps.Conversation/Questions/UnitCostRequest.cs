namespace FinOps.Conversation.Questions;

/// <summary>What a unit-cost question asks: cost divided by which business metric, per how many units, in which shape.</summary>
/// <param name="MetricWords">The words naming the metric ("active", "user"); empty for "unit cost of checkout", where the team's own metric is meant.</param>
/// <param name="Scale">"per 1,000 orders": 1000; null when the question names no number (the answer picks a readable scale).</param>
/// <param name="Shape">One figure with its like-for-like comparison, a trend by month, or two named periods compared.</param>
public sealed record UnitCostRequest(IReadOnlyList<string> MetricWords, int? Scale, UnitCostShape Shape)
{
    /// <summary>The metric as asked ("active user"), or null when none was named.</summary>
    public string? MetricPhrase => MetricWords.Count == 0 ? null : string.Join(' ', MetricWords);
}
