using FinOps.Conversation.Questions;
using FinOps.Core.Query;

namespace FinOps.Conversation.Answers;

/// <summary>What every answer composer needs: the question, its query, today and the data coverage.</summary>
internal sealed record AnswerContext(ParsedQuestion Question, CostQuery Query, DateOnly Today, DataCoverage? Coverage)
{
    /// <summary>The last complete day the answer uses; null when the store is empty.</summary>
    public DataThrough? DataThrough { get; init; }

    public string Metric => AnswerFormat.MetricAdjective(Query.Metric);

    public string Span(DateRange range) => AnswerFormat.Span(range, Today);

    /// <summary>The currency to report when the result is empty: the store's main currency.</summary>
    public string? FallbackCurrency => Coverage is { Currencies.Count: > 0 } coverage ? coverage.Currencies[0] : null;
}
