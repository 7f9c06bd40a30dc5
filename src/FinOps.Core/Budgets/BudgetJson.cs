using System.Text.Json;
using System.Text.Json.Serialization;
using FinOps.Core.Query;

namespace FinOps.Core.Budgets;

/// <summary>The one JSON layout of a <see cref="BudgetDefinition"/>: how the store keeps budgets and the audit keeps before/after.</summary>
/// <remarks>Keys in a stable order (scope dimensions sorted by name) so equal budgets give equal text.</remarks>
public static class BudgetJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(BudgetDefinition budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        var dto = new Dto(
            budget.Id,
            budget.Team,
            budget.Scope
                .OrderBy(s => s.Key.ToString(), StringComparer.Ordinal)
                .ToDictionary(s => s.Key.ToString(), s => s.Value.ToArray(), StringComparer.Ordinal),
            BudgetDefinition.Name(budget.Period),
            budget.Metric.ToString(),
            budget.Currency,
            Normal(budget.Amount),
            [.. budget.ActualThresholds.Select(Normal)],
            [.. budget.ForecastThresholds.Select(Normal)]);
        return JsonSerializer.Serialize(dto, Options);
    }

    /// <summary>Reads what <see cref="Serialize"/> wrote; throws <see cref="FormatException"/> naming the field otherwise.</summary>
    public static BudgetDefinition Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        Dto dto;
        try
        {
            dto = JsonSerializer.Deserialize<Dto>(json, Options) ?? throw new FormatException("budget: empty JSON.");
        }
        catch (JsonException e)
        {
            throw new FormatException("budget: " + e.Message, e);
        }

        if (!BudgetDefinition.TryParsePeriod(dto.Period, out var period))
        {
            throw new FormatException($"budget.period: '{dto.Period}' is not month, quarter or year.");
        }

        if (!Enum.TryParse<CostMetric>(dto.Metric, ignoreCase: true, out var metric))
        {
            throw new FormatException($"budget.metric: '{dto.Metric}' is not a metric.");
        }

        return new BudgetDefinition
        {
            Id = dto.Id ?? throw new FormatException("budget.id: missing."),
            Team = dto.Team,
            Scope = (dto.Scope ?? []).ToDictionary(s => Dimension.Parse(s.Key), s => (IReadOnlyList<string>)s.Value),
            Period = period,
            Metric = metric,
            Currency = dto.Currency ?? "USD",
            Amount = dto.Amount,
            ActualThresholds = dto.ActualThresholds ?? BudgetDefinition.DefaultActualThresholds,
            ForecastThresholds = dto.ForecastThresholds ?? BudgetDefinition.DefaultForecastThresholds,
        };
    }

    /// <summary>Drops trailing zeros (25000.00 is 25000) so a budget set again with the same value is no change.</summary>
    private static decimal Normal(decimal value) => value / 1.0000000000000000000000000000m;

    private sealed record Dto(
        string? Id,
        string? Team,
        Dictionary<string, string[]>? Scope,
        string? Period,
        string? Metric,
        string? Currency,
        decimal Amount,
        decimal[]? ActualThresholds,
        decimal[]? ForecastThresholds);
}
