namespace FinOps.Core.Forecasting;

/// <summary>
/// The 80% prediction interval of a sum of <see cref="DailyRunModel"/> forecasts, from the model's own errors:
/// forecasts of the same length made at earlier days of the history, compared with what happened.
/// </summary>
/// <remarks>
/// The 10th and 90th percentiles of the relative errors (actual / forecast - 1) become the interval's ends. When the
/// history is too short for sums of the full length, errors of the longest length it allows are widened by the square
/// root of the length ratio; with almost no history the interval is a fixed +-<see cref="FallbackSpread"/>.
/// </remarks>
internal static class ForecastInterval
{
    /// <summary>Days of history a backtest forecast needs before its origin.</summary>
    public const int MinFitDays = 14;

    /// <summary>Most origins backtested (the latest ones).</summary>
    public const int MaxOrigins = 84;

    /// <summary>Fewest origins whose errors give percentiles.</summary>
    public const int MinOrigins = 10;

    /// <summary>
    /// Longest sums backtested: a quarter's or a year's remaining sum is judged by month-long sums widened by the square root
    /// of the length ratio, since a few overlapping windows of 100+ days are nearly one sample and their percentiles say nothing.
    /// </summary>
    public const int MaxSumDays = 31;

    /// <summary>Relative spread when the history cannot be backtested.</summary>
    public const decimal FallbackSpread = 0.25m;

    /// <summary>
    /// Widening of the measured percentiles by (1 + this x sum length / origins): neighbouring origins share most of their
    /// days, so their errors understate the spread. Calibrated in the forecast backtest (tests/FinOps.Benchmarks) to about
    /// 80% coverage at as-of days 3 to 22.
    /// </summary>
    public const decimal OverlapWidening = 2m;

    /// <summary>Least half-width of the interval, relative to the remaining sum (a perfectly regular history would give none).</summary>
    public const decimal MinSpread = 0.01m;

    /// <summary>
    /// Least half-width, relative to the remaining sum, for a series that sums several teams (instead of
    /// <see cref="MinSpread"/>): one team's level shift or spike moves the total although the total's own history, smoothed
    /// by the sum, looks calm, so its backtested errors are small. Calibrated in the forecast backtest (tests/FinOps.Benchmarks):
    /// the company total covered 68% and 73% of month ends at as-of days 8 and 22 with <see cref="MinSpread"/>.
    /// </summary>
    public const decimal AggregateShockSpread = 0.02m;

    /// <summary>
    /// Relative errors (actual / forecast - 1) of the model on this history: the remaining sum is likely within
    /// forecast x (1 + low) .. forecast x (1 + high); low is below 0 and high above 0 by at least <see cref="MinSpread"/> (<see cref="AggregateShockSpread"/> for several teams).
    /// </summary>
    /// <remarks>
    /// The forecast itself is not moved by the median error: on the demo backtest such a bias correction raised the
    /// day-3 MAPE from 2.6% to 2.8%.
    /// </remarks>
    /// <param name="history">Daily usage.</param>
    /// <param name="firstDay">Weekday of the first day of <paramref name="history"/>.</param>
    /// <param name="horizon">Days in the remaining sum.</param>
    /// <param name="aggregated">True when the series sums several teams (the company, a service across teams): see <see cref="AggregateShockSpread"/>.</param>
    public static (decimal Low, decimal High) RelativeBounds(ReadOnlySpan<decimal> history, DayOfWeek firstDay, int horizon, bool aggregated)
    {
        var n = history.Length;
        var longest = n - MinFitDays - MinOrigins + 1;
        if (horizon <= 0)
        {
            return (0m, 0m);
        }

        if (longest < 1)
        {
            return (-FallbackSpread, FallbackSpread);
        }

        var length = Math.Min(Math.Min(horizon, longest), MaxSumDays);
        var errors = new List<decimal>();
        var firstOrigin = Math.Max(MinFitDays, n - length - MaxOrigins + 1);
        for (var origin = firstOrigin; origin + length <= n; origin++)
        {
            var predicted = DailyRunModel.ForecastSum(history[..origin], firstDay, length);
            var actual = 0m;
            foreach (var day in history.Slice(origin, length))
            {
                actual += day;
            }

            if (predicted != 0)
            {
                errors.Add((actual / predicted) - 1);
            }
        }

        if (errors.Count < MinOrigins)
        {
            return (-FallbackSpread, FallbackSpread);
        }

        errors.Sort();
        // Few independent windows (long sums over a short history) understate the spread the most.
        var scale = (1m + (OverlapWidening * length / errors.Count)) * (decimal)Math.Sqrt((double)horizon / length);
        var low = Percentile(errors, 0.1m) * scale;
        var high = Percentile(errors, 0.9m) * scale;
        var floor = aggregated ? AggregateShockSpread : MinSpread;
        return (Math.Min(low, -floor), Math.Max(high, floor));
    }

    /// <summary>Linear-interpolated percentile of sorted values.</summary>
    public static decimal Percentile(IReadOnlyList<decimal> sorted, decimal p)
    {
        var position = p * (sorted.Count - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + ((sorted[above] - sorted[below]) * (position - below));
    }
}
