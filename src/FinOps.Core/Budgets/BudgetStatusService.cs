using FinOps.Core.Calendar;
using FinOps.Core.Forecasting;
using FinOps.Core.Query;

namespace FinOps.Core.Budgets;

/// <summary>Evaluates budgets: actual to date, forecast with its interval, approved increases, state and the drivers of the gap.</summary>
/// <remarks>
/// As of a day means the morning of that day: the actual sums the period's days before it (the day's partial data is never
/// used). Only costs in the budget's currency count. The state is <see cref="BudgetState.Over"/> when the actual is above the
/// effective limit (amount plus approved increases), <see cref="BudgetState.AtRisk"/> when the forecast is, else
/// <see cref="BudgetState.Ok"/>. Without a forecaster (or approvals store) registered there is no forecast (no increase).
/// The budgets of the rules file are applied to the store before each evaluation (<see cref="BudgetRulesSync"/>).
/// </remarks>
public sealed class BudgetStatusService(
    IBudgetStore store,
    ICostQueryService costs,
    CostCalendar calendar,
    BudgetRulesSync? rulesSync = null,
    ICostForecaster? forecaster = null,
    IBudgetIncreases? increases = null) : IBudgetStatusService
{
    public async Task<IReadOnlyList<BudgetStatus>> GetStatusAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        var statuses = new List<BudgetStatus>();
        foreach (var budget in await ListAsync(cancellationToken))
        {
            statuses.Add(await EvaluateAsync(budget, asOf, cancellationToken));
        }

        return statuses;
    }

    public async Task<BudgetStatus?> FindAsync(string budgetId, DateOnly asOf, CancellationToken cancellationToken)
    {
        if (rulesSync is not null)
        {
            await rulesSync.SyncAsync(cancellationToken);
        }

        var budget = await store.FindAsync(budgetId, cancellationToken);
        return budget is null ? null : await EvaluateAsync(budget, asOf, cancellationToken);
    }

    /// <summary>The budgets in force (the rules file's applied first), ordered by id.</summary>
    public async Task<IReadOnlyList<BudgetDefinition>> ListAsync(CancellationToken cancellationToken)
    {
        if (rulesSync is not null)
        {
            await rulesSync.SyncAsync(cancellationToken);
        }

        return await store.ListAsync(cancellationToken);
    }

    /// <summary>One budget in the period containing <paramref name="asOf"/>.</summary>
    public async Task<BudgetStatus> EvaluateAsync(BudgetDefinition budget, DateOnly asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(budget);
        var period = budget.PeriodContaining(asOf, calendar);
        var known = new DateRange(period.Start, asOf);
        var actual = known.IsEmpty ? 0m : InCurrency(await costs.QueryAsync(budget.Query(known), cancellationToken), budget.Currency)?.Total ?? 0m;

        CostForecast? forecast = null;
        if (forecaster is not null)
        {
            var forecasts = await forecaster.ForecastAsync(new ForecastRequest(budget.Query(period), period, asOf), cancellationToken);
            forecast = forecasts.FirstOrDefault(f => string.Equals(f.Currency, budget.Currency, StringComparison.OrdinalIgnoreCase))
                ?? new CostForecast(budget.Currency, actual, actual, actual, actual, null);
        }

        var increase = increases is null ? 0m : await increases.GetApprovedIncreaseAsync(budget.Id, period, cancellationToken);
        var limit = budget.Amount + increase;
        var state = actual > limit ? BudgetState.Over
            : forecast is not null && forecast.Value > limit ? BudgetState.AtRisk
            : BudgetState.Ok;
        return new BudgetStatus(budget.Id, budget.Team, budget.Scope, period, budget.Metric, budget.Currency, budget.Amount, increase, actual, forecast, state);
    }

    public async Task<IReadOnlyList<BudgetDriver>> GetDriversAsync(string budgetId, DateOnly asOf, int top, CancellationToken cancellationToken)
    {
        var budget = await store.FindAsync(budgetId, cancellationToken);
        return budget is null ? [] : await GetDriversAsync(budget, asOf, top, cancellationToken);
    }

    /// <summary>
    /// The services and accounts whose spend to date changed most against the same number of days at the start of the
    /// previous period, largest increase first (<paramref name="top"/> of each dimension).
    /// </summary>
    public async Task<IReadOnlyList<BudgetDriver>> GetDriversAsync(BudgetDefinition budget, DateOnly asOf, int top, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(budget);
        var period = budget.PeriodContaining(asOf, calendar);
        var known = new DateRange(period.Start, asOf);
        if (known.IsEmpty)
        {
            return [];
        }

        var previousStart = budget.PeriodContaining(period.Start.AddDays(-1), calendar).Start;
        var previousEnd = previousStart.AddDays(known.Days);
        var previous = new DateRange(previousStart, previousEnd > period.Start ? period.Start : previousEnd);
        var drivers = new List<BudgetDriver>();
        foreach (var dimension in new[] { Dimension.Service, Dimension.Account })
        {
            var query = budget.Query(known) with { ComparePeriod = previous, GroupBy = [dimension] };
            var result = InCurrency(await costs.QueryAsync(query, cancellationToken), budget.Currency);
            if (result is null)
            {
                continue;
            }

            drivers.AddRange(result.Rows
                .Select(r => new BudgetDriver(dimension, r.Key.Count > 0 ? r.Key[0] : "(none)", r.Value, r.CompareValue ?? 0m))
                .Where(d => d.Change != 0)
                .OrderByDescending(d => d.Change)
                .ThenBy(d => d.Value, StringComparer.Ordinal)
                .Take(top));
        }

        return drivers;
    }

    /// <summary>
    /// The period's spend to date, cumulative per day (month), week (quarter) or month (year), in the budget's currency: the
    /// bars of the alert chart, against the budget line.
    /// </summary>
    public async Task<IReadOnlyList<(DateOnly Bucket, decimal Cumulative)>> GetProgressAsync(BudgetDefinition budget, DateOnly asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(budget);
        var period = budget.PeriodContaining(asOf, calendar);
        var known = new DateRange(period.Start, asOf);
        if (known.IsEmpty)
        {
            return [];
        }

        var granularity = budget.Period switch
        {
            BudgetPeriod.Month => Granularity.Day,
            BudgetPeriod.Quarter => Granularity.Week,
            _ => Granularity.Month,
        };
        var result = InCurrency(await costs.QueryAsync(budget.Query(known) with { Granularity = granularity }, cancellationToken), budget.Currency);
        var byBucket = (result?.Rows ?? []).Where(r => r.Bucket is not null).GroupBy(r => r.Bucket!.Value).ToDictionary(g => g.Key, g => g.Sum(r => r.Value));
        var points = new List<(DateOnly, decimal)>();
        var sum = 0m;
        foreach (var bucket in CostCalendar.Buckets(known, granularity))
        {
            sum += byBucket.GetValueOrDefault(bucket);
            points.Add((bucket < period.Start ? period.Start : bucket, sum));
        }

        return points;
    }

    private static CurrencyCostResult? InCurrency(CostQueryResult result, string currency) =>
        result.ByCurrency.FirstOrDefault(c => string.Equals(c.Currency, currency, StringComparison.OrdinalIgnoreCase));
}
