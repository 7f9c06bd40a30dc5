using FinOps.Core.Forecasting;
using FinOps.Core.Query;

namespace FinOps.Testing.Budgets;

/// <summary>
/// Test-only stand-in for the real forecaster (branch fcast): the period's known days, then their daily average for every
/// day left, with an interval of plus or minus <see cref="IntervalShare"/> of the projected part. Never registered by production code.
/// </summary>
public sealed class RunRateCostForecaster(ICostQueryService costs) : ICostForecaster
{
    public const decimal IntervalShare = 0.1m;

    public async Task<IReadOnlyList<CostForecast>> ForecastAsync(ForecastRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var end = request.AsOf < request.Period.End ? request.AsOf : request.Period.End;
        if (end <= request.Period.Start)
        {
            return [];
        }

        var known = new DateRange(request.Period.Start, end);
        var result = await costs.QueryAsync(request.Scope with { Period = known, GroupBy = [], Granularity = null, ComparePeriod = null }, cancellationToken);
        var remaining = request.Period.End.DayNumber - end.DayNumber;
        return [.. result.ByCurrency.Select(c =>
        {
            var projected = c.Total / known.Days * remaining;
            return new CostForecast(c.Currency, c.Total, c.Total + projected, c.Total + (projected * (1 - IntervalShare)), c.Total + (projected * (1 + IntervalShare)), end.AddDays(-1));
        })];
    }
}
