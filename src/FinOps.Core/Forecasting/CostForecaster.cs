using FinOps.Core.Query;

namespace FinOps.Core.Forecasting;

/// <summary>
/// Forecasts a scope's cost to the end of a period, per billing currency: usage day by day with weekday factors
/// and trend (<see cref="DailyRunModel"/>), charges that land on fixed days (purchases, fees, taxes, credits) on
/// their days, and an 80% prediction interval from backtesting the model on the scope's own history.
/// </summary>
/// <remarks>
/// <para>Known data is every day before <see cref="ForecastRequest.AsOf"/> and before the end of the store's
/// coverage, whichever is earlier: the current day's partial data is never read, and days the export has not
/// delivered yet are forecast, not counted as zero.</para>
/// <para>FOCUS ChargeCategory <c>Usage</c> (and anything not listed in <see cref="FixedDayCategories"/>) accrues
/// daily. <c>Purchase</c>, <c>Tax</c>, <c>Credit</c> and <c>Adjustment</c> charges land on fixed days of the month
/// (a monthly commitment fee on the 1st, tax on the last day): each remaining day gets what the same day of the
/// latest known month had (the last day of a month stands for the last day of any month), taxes scaled by the
/// usage of the two months, so a day-1 purchase is counted once and never spread as run-rate.</para>
/// <para>The interval covers the usage ahead; a scope whose usage comes from several teams (the company, a service across
/// teams) gets a wider floor, since its smooth history hides the shifts of single teams that move it.</para>
/// </remarks>
public sealed class CostForecaster : ICostForecaster
{
    /// <summary>Days of history read before the period (or the as-of day, if earlier).</summary>
    public const int HistoryDays = 140;

    /// <summary>FOCUS charge categories forecast on their days of the month rather than as a daily run-rate.</summary>
    public static readonly IReadOnlySet<string> FixedDayCategories =
        new HashSet<string>(["Purchase", "Tax", "Credit", "Adjustment"], StringComparer.OrdinalIgnoreCase);

    private readonly ICostQueryService _queries;

    /// <param name="queries">The cost store (or a view of it, such as the asker's visible teams).</param>
    public CostForecaster(ICostQueryService queries)
    {
        _queries = queries ?? throw new ArgumentNullException(nameof(queries));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CostForecast>> ForecastAsync(ForecastRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Scope);
        ArgumentNullException.ThrowIfNull(request.Period);
        var period = request.Period;
        if (period.IsEmpty)
        {
            return [];
        }

        var coverage = await _queries.GetCoverageAsync(cancellationToken);
        if (coverage is null)
        {
            return [];
        }

        var knownEnd = Min(request.AsOf, coverage.Dates.End);
        if (knownEnd >= period.End)
        {
            return await CompleteAsync(request.Scope, period, cancellationToken);
        }

        var monthsBack = MonthStart(Min(period.Start, knownEnd)).AddMonths(-2);
        var historyStart = Min(Min(period.Start, knownEnd).AddDays(-HistoryDays), monthsBack);
        if (knownEnd <= historyStart)
        {
            return [];
        }

        var history = new DateRange(historyStart, knownEnd);
        var result = await _queries.QueryAsync(
            request.Scope with { Period = history, ComparePeriod = null, GroupBy = [Dimension.ChargeCategory], Granularity = Granularity.Day, Top = null },
            cancellationToken);
        // Totals per team (not per team and day: a company of 10,000 teams would be millions of rows) tell whether the
        // scope sums several teams, whose interval gets a wider floor.
        var byTeam = await _queries.QueryAsync(
            request.Scope with { Period = history, ComparePeriod = null, GroupBy = [Dimension.Team], Granularity = null, Top = null },
            cancellationToken);
        var teamCounts = byTeam.ByCurrency.ToDictionary(p => p.Currency, p => p.Rows.Count(r => r.Value != 0), StringComparer.Ordinal);
        var forecasts = new List<CostForecast>();
        foreach (var part in result.ByCurrency)
        {
            if (ForecastCurrency(part, history, period, teamCounts.GetValueOrDefault(part.Currency) > 1) is { } forecast)
            {
                forecasts.Add(forecast);
            }
        }

        return [.. forecasts.OrderByDescending(f => f.Value).ThenBy(f => f.Currency, StringComparer.Ordinal)];
    }

    private async Task<IReadOnlyList<CostForecast>> CompleteAsync(CostQuery scope, DateRange period, CancellationToken cancellationToken)
    {
        var result = await _queries.QueryAsync(
            scope with { Period = period, ComparePeriod = null, GroupBy = [], Granularity = Granularity.Day, Top = null }, cancellationToken);
        return [.. result.ByCurrency
            .Select(p => new CostForecast(p.Currency, p.Total, p.Total, p.Total, p.Total, p.Rows.Where(r => r.Bucket is not null).Max(r => r.Bucket)))
            .OrderByDescending(f => f.Value)
            .ThenBy(f => f.Currency, StringComparer.Ordinal)];
    }

    private static CostForecast? ForecastCurrency(CurrencyCostResult part, DateRange history, DateRange period, bool severalTeams)
    {
        var days = history.Days;
        var usage = new decimal[days];
        var fixedDays = new Dictionary<int, Dictionary<string, decimal>>();
        var first = int.MaxValue;
        var last = -1;
        foreach (var row in part.Rows)
        {
            if (row.Bucket is not { } bucket || !history.Contains(bucket))
            {
                continue;
            }

            var index = bucket.DayNumber - history.Start.DayNumber;
            first = Math.Min(first, index);
            last = Math.Max(last, index);
            var category = row.Key.Count > 0 ? row.Key[0] : string.Empty;
            if (FixedDayCategories.Contains(category))
            {
                if (!fixedDays.TryGetValue(index, out var charges))
                {
                    fixedDays[index] = charges = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
                }

                charges[category] = charges.GetValueOrDefault(category) + row.Value;
            }
            else
            {
                usage[index] += row.Value;
            }
        }

        if (last < 0)
        {
            return null;
        }

        var actual = 0m;
        for (var i = Math.Max(0, period.Start.DayNumber - history.Start.DayNumber); i < days; i++)
        {
            actual += usage[i] + (fixedDays.TryGetValue(i, out var charges) ? charges.Values.Sum() : 0m);
        }

        // The series starts with the scope's first cost, so a team that started last month is not read as zeros before.
        var series = usage.AsSpan(first);
        var firstDay = history.Start.AddDays(first).DayOfWeek;
        var forecastStart = Max(history.End, period.Start);
        var gap = forecastStart.DayNumber - history.End.DayNumber;
        var horizon = period.End.DayNumber - forecastStart.DayNumber;
        var daily = DailyRunModel.Forecast(series, firstDay, gap + horizon);
        var usageAhead = 0m;
        for (var h = gap; h < daily.Length; h++)
        {
            usageAhead += daily[h];
        }

        var (low, high) = ForecastInterval.RelativeBounds(series, firstDay, horizon, aggregated: severalTeams);
        var known = actual + FixedAhead(usage, fixedDays, history, forecastStart, period.End, daily);
        var scale = Math.Abs(usageAhead);
        return new CostForecast(
            part.Currency,
            Round(actual),
            Round(known + usageAhead),
            Round(known + usageAhead + (scale * low)),
            Round(known + usageAhead + (scale * high)),
            history.Start.AddDays(last));
    }

    /// <summary>The fixed-day charges expected on the days of [<paramref name="from"/>, <paramref name="to"/>).</summary>
    private static decimal FixedAhead(
        decimal[] usage, Dictionary<int, Dictionary<string, decimal>> fixedDays, DateRange history, DateOnly from, DateOnly to, decimal[] daily)
    {
        var total = 0m;
        for (var day = from; day < to; day = day.AddDays(1))
        {
            if (Reference(day, history) is not { } reference || !fixedDays.TryGetValue(reference.DayNumber - history.Start.DayNumber, out var charges))
            {
                continue;
            }

            foreach (var (category, amount) in charges)
            {
                var scaled = amount;
                if (string.Equals(category, "Tax", StringComparison.OrdinalIgnoreCase)
                    && MonthUsage(reference, usage, history, daily) is { } before and not 0
                    && MonthUsage(day, usage, history, daily) is { } now)
                {
                    // Tax follows the month's spend: last month's tax x this month's usage / last month's usage.
                    scaled = amount * now / before;
                }

                total += scaled;
            }
        }

        return total;
    }

    /// <summary>The latest known day in the same place of an earlier month as <paramref name="day"/> (the same day number, or both last days).</summary>
    private static DateOnly? Reference(DateOnly day, DateRange history)
    {
        var isLast = day.Day == DateTime.DaysInMonth(day.Year, day.Month);
        for (var back = 1; back <= 24; back++)
        {
            var month = MonthStart(day).AddMonths(-back);
            var length = DateTime.DaysInMonth(month.Year, month.Month);
            if (!isLast && day.Day >= length)
            {
                // That month has no such day, or it is its last day, whose charges belong to the last day of a month.
                continue;
            }

            var candidate = month.AddDays((isLast ? length : day.Day) - 1);
            if (candidate < history.Start)
            {
                return null;
            }

            if (candidate < history.End)
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Usage of <paramref name="day"/>'s month: known days plus forecast ones; null when the month starts before the history.</summary>
    private static decimal? MonthUsage(DateOnly day, decimal[] usage, DateRange history, decimal[] daily)
    {
        var start = MonthStart(day);
        if (start < history.Start)
        {
            return null;
        }

        var end = start.AddMonths(1);
        var sum = 0m;
        for (var d = start; d < end; d = d.AddDays(1))
        {
            var index = d.DayNumber - history.Start.DayNumber;
            if (index < usage.Length)
            {
                sum += usage[index];
            }
            else if (index - usage.Length < daily.Length)
            {
                sum += daily[index - usage.Length];
            }
            else
            {
                return null;
            }
        }

        return sum;
    }

    private static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    private static DateOnly MonthStart(DateOnly day) => new(day.Year, day.Month, 1);

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
