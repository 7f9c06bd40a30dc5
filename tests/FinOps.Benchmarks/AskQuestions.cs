namespace FinOps.Benchmarks;

/// <summary>Every tenth phrasing of tests/FinOps.Conversation.Tests/Questions/eval.jsonl (phrased as of <see cref="BenchData.AsOf"/>): totals, breakdowns, tops, trends, comparisons, drivers, forecast, freshness, typos and one off-topic question.</summary>
public static class AskQuestions
{
    public static IReadOnlyList<string> All { get; } =
    [
        "how much did payments spend last week",
        "how much did paymnets spend last month",
        "how much do databases cost us",
        "checkout spend past 2 weeks",
        "AKS spend for platform in october",
        "what did we pay oracle last month",
        "spend last year",
        "SEARCH SPEND LAST MONTH",
        "spend by team last month",
        "how is platform's spend split across services",
        "per-team spend this week",
        "top 5 services last month",
        "which provider costs the most",
        "show me the trend of aws costs over the last 30 days",
        "monthly spend",
        "month over month spend for checkout",
        "mom change in gcp spend",
        "explain the spike in data costs yesterday",
        "what's the run rate for gcp",
        "how fresh is the cost data",
        "compare payments spend in october with september",
        "cost for the web-store app last week",
        "how much are we spending per day on bigquery",
        "ml spend oct 1 - oct 15",
        "spend last week compared to the same week last year",
        "comparre this week and last week",
        "what did checkout spend in september",
        "break down identity's spend by region for last week",
        "@finops what's checkout's aws spend this week",
        "total invoiced amount for q3",
        "what's the weather like in paris",
    ];
}
