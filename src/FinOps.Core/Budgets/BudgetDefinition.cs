using System.Globalization;
using FinOps.Core.Calendar;
using FinOps.Core.Query;

namespace FinOps.Core.Budgets;

/// <summary>A budget: how much a scope may cost per period, and when to warn.</summary>
/// <remarks>
/// <see cref="Scope"/> holds <see cref="CostQuery"/> filters (usually <c>team: [payments]</c>); <see cref="Team"/> is the team
/// whose owners and approvers decide about the budget (null when the scope names no single team). Months are calendar months;
/// quarters and years follow <c>Calendar:FiscalYearStartMonth</c>. The limit is compared with <see cref="Metric"/> in
/// <see cref="Currency"/> only: costs billed in another currency are not converted. Thresholds are percentages of the
/// effective limit (the amount plus approved increases).
/// </remarks>
public sealed record BudgetDefinition
{
    public static readonly IReadOnlyList<decimal> DefaultActualThresholds = [80m, 100m];

    public static readonly IReadOnlyList<decimal> DefaultForecastThresholds = [100m];

    public required string Id { get; init; }

    public string? Team { get; init; }

    public required IReadOnlyDictionary<Dimension, IReadOnlyList<string>> Scope { get; init; }

    public BudgetPeriod Period { get; init; } = BudgetPeriod.Month;

    public CostMetric Metric { get; init; } = CostMetric.EffectiveCost;

    public string Currency { get; init; } = "USD";

    public required decimal Amount { get; init; }

    /// <summary>Percentages of the effective limit the actual to date is checked against (default 80 and 100).</summary>
    public IReadOnlyList<decimal> ActualThresholds { get; init; } = DefaultActualThresholds;

    /// <summary>Percentages of the effective limit the period-end forecast is checked against (default 100).</summary>
    public IReadOnlyList<decimal> ForecastThresholds { get; init; } = DefaultForecastThresholds;

    /// <summary>Every threshold, actual ones first, each kind in ascending order.</summary>
    public IReadOnlyList<BudgetThreshold> Thresholds =>
        [.. ActualThresholds.Order().Select(p => new BudgetThreshold(BudgetThresholdKind.Actual, p)),
         .. ForecastThresholds.Order().Select(p => new BudgetThreshold(BudgetThresholdKind.Forecast, p))];

    /// <summary>The id of the budget of <paramref name="team"/> per <paramref name="period"/>, as the CLI and chat name it: <c>payments-month</c>.</summary>
    public static string IdFor(string team, BudgetPeriod period)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(team);
        return $"{team.Trim().ToLowerInvariant()}-{Name(period)}";
    }

    /// <summary>A team budget with the default thresholds.</summary>
    public static BudgetDefinition ForTeam(string team, decimal amount, BudgetPeriod period = BudgetPeriod.Month, CostMetric metric = CostMetric.EffectiveCost, string currency = "USD")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(team);
        var key = team.Trim().ToLowerInvariant();
        return new BudgetDefinition
        {
            Id = IdFor(key, period),
            Team = key,
            Scope = new Dictionary<Dimension, IReadOnlyList<string>> { [Dimension.Team] = [key] },
            Period = period,
            Metric = metric,
            Currency = currency.Trim().ToUpperInvariant(),
            Amount = amount,
        };
    }

    /// <summary>The period of this budget that contains <paramref name="date"/>.</summary>
    public DateRange PeriodContaining(DateOnly date, CostCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return Period switch
        {
            BudgetPeriod.Month => CostCalendar.Month(date),
            BudgetPeriod.Quarter => calendar.Quarter(date),
            BudgetPeriod.Year => calendar.FiscalYear(date),
            _ => throw new ArgumentOutOfRangeException(nameof(date), Period, "Unknown budget period."),
        };
    }

    /// <summary>The query of this budget's scope and metric over <paramref name="period"/>.</summary>
    public CostQuery Query(DateRange period) => new() { Metric = Metric, Period = period, Filters = Scope };

    /// <summary>Throws <see cref="ArgumentException"/> naming the field when the budget cannot be used.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Id))
        {
            throw new ArgumentException("id: missing.");
        }

        if (Amount <= 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"amount: must be positive, got {Amount}."));
        }

        if (Currency.Length != 3 || !Currency.All(char.IsAsciiLetterUpper))
        {
            throw new ArgumentException($"currency: '{Currency}' is not an ISO 4217 code such as USD or EUR.");
        }

        if (Metric is not (CostMetric.EffectiveCost or CostMetric.BilledCost))
        {
            throw new ArgumentException($"metric: budgets use EffectiveCost or BilledCost, not {Metric}.");
        }

        if (Scope.Count == 0 || Scope.Any(s => s.Value.Count == 0))
        {
            throw new ArgumentException("scope: at least one filter with at least one value is needed (usually team).");
        }

        foreach (var p in ActualThresholds.Concat(ForecastThresholds))
        {
            if (p is <= 0 or > 1000)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"thresholds: {p} is not a percentage between 0 and 1000."));
            }
        }
    }

    /// <summary><c>month</c>, <c>quarter</c> or <c>year</c>.</summary>
    public static string Name(BudgetPeriod period) => period switch
    {
        BudgetPeriod.Month => "month",
        BudgetPeriod.Quarter => "quarter",
        BudgetPeriod.Year => "year",
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, null),
    };

    /// <summary>Reads <c>month</c>/<c>quarter</c>/<c>year</c> (also monthly, quarterly, yearly, annual), case-insensitive.</summary>
    public static bool TryParsePeriod(string? text, out BudgetPeriod period)
    {
        period = BudgetPeriod.Month;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "month" or "monthly" or "mo":
                period = BudgetPeriod.Month;
                return true;
            case "quarter" or "quarterly" or "q":
                period = BudgetPeriod.Quarter;
                return true;
            case "year" or "yearly" or "annual" or "annually" or "fiscal year":
                period = BudgetPeriod.Year;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Reads <c>EffectiveCost</c> or <c>BilledCost</c> (case-insensitive); the other metrics are not budget metrics.</summary>
    public static bool TryParseMetric(string? text, out CostMetric metric)
    {
        metric = CostMetric.EffectiveCost;
        if (string.Equals(text?.Trim(), "EffectiveCost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (string.Equals(text?.Trim(), "BilledCost", StringComparison.OrdinalIgnoreCase))
        {
            metric = CostMetric.BilledCost;
            return true;
        }

        return false;
    }

    public bool Equals(BudgetDefinition? other) =>
        other is not null && BudgetJson.Serialize(this) == BudgetJson.Serialize(other);

    public override int GetHashCode() => BudgetJson.Serialize(this).GetHashCode(StringComparison.Ordinal);
}
