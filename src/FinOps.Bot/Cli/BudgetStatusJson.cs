using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using FinOps.Core.Budgets;

namespace FinOps.Bot.Cli;

/// <summary>
/// The <c>budgets status --json</c> contract: <c>{"budgets": [{"id", "scope": {"&lt;dimension&gt;": [str]}, "period": {"start", "end"},
/// "metric", "currency", "limit", "actual", "forecast": {"value", "low", "high"}, "state", "approvedIncrease"}]}</c>.
/// </summary>
/// <remarks>
/// The period is half-open (<c>end</c> is the first day after it), as in <c>ask --json</c>. <c>limit</c> is the budget's amount;
/// the effective limit is <c>limit + approvedIncrease</c>. <c>forecast</c> is null when no forecaster is available.
/// Amounts are JSON numbers in the budget's currency.
/// </remarks>
public static class BudgetStatusJson
{
    public static string Write(IReadOnlyList<BudgetStatus> statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        var budgets = new JsonArray();
        foreach (var s in statuses)
        {
            var scope = new JsonObject();
            foreach (var (dimension, values) in s.Scope.OrderBy(d => d.Key.ToString(), StringComparer.Ordinal))
            {
                scope[dimension.ToString()] = new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
            }

            budgets.Add(new JsonObject
            {
                ["id"] = s.BudgetId,
                ["scope"] = scope,
                ["period"] = new JsonObject
                {
                    ["start"] = s.Period.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["end"] = s.Period.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                },
                ["metric"] = s.Metric.ToString(),
                ["currency"] = s.Currency,
                ["limit"] = s.Limit,
                ["actual"] = s.Actual,
                ["forecast"] = s.Forecast is { } f ? new JsonObject { ["value"] = f.Value, ["low"] = f.Low, ["high"] = f.High } : null,
                ["state"] = StateName(s.State),
                ["approvedIncrease"] = s.ApprovedIncrease,
            });
        }

        return new JsonObject { ["budgets"] = budgets }.ToJsonString();
    }

    /// <summary><c>ok</c>, <c>at-risk</c> or <c>over</c>.</summary>
    public static string StateName(BudgetState state) => state switch
    {
        BudgetState.Ok => "ok",
        BudgetState.AtRisk => "at-risk",
        BudgetState.Over => "over",
        _ => throw new UnreachableException(),
    };
}
