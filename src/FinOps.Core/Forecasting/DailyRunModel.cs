namespace FinOps.Core.Forecasting;

/// <summary>
/// The day-by-day part of a forecast: a level from the last week, a trend that the last three four-week windows agree
/// on and weekday factors from the last eight weeks, fitted to a series of daily totals of usage (the charges that accrue every day).
/// </summary>
/// <remarks>
/// Multiplicative weekday factors: a day is its week's level times its weekday's share, so a team whose weekends
/// cost half as much forecasts half on each remaining Saturday and Sunday. Decimal throughout (money).
/// </remarks>
internal static class DailyRunModel
{
    /// <summary>Days the weekday factors are measured over.</summary>
    public const int SeasonDays = 56;

    /// <summary>Length of each of the three windows the trend is measured over.</summary>
    public const int TrendDays = 28;

    /// <summary>Days the level is measured over (one week, so every weekday counts once).</summary>
    public const int LevelDays = 7;

    /// <summary>Fewest days that give weekday factors.</summary>
    public const int MinSeasonDays = 14;

    /// <summary>How much of the measured trend is carried forward.</summary>
    public const decimal TrendWeight = 1m;

    /// <summary>
    /// Forecasts of the <paramref name="horizon"/> days after <paramref name="history"/> (whose first day is a
    /// <paramref name="firstDay"/>); zeros when there is no history.
    /// </summary>
    public static decimal[] Forecast(ReadOnlySpan<decimal> history, DayOfWeek firstDay, int horizon)
    {
        var forecast = new decimal[horizon];
        var n = history.Length;
        if (n == 0 || horizon == 0)
        {
            return forecast;
        }

        var factors = WeekdayFactors(history, firstDay);
        var deseasoned = new decimal[n];
        for (var i = 0; i < n; i++)
        {
            var f = factors[Weekday(firstDay, i)];
            deseasoned[i] = f == 0 ? history[i] : history[i] / f;
        }

        var levelDays = Math.Min(LevelDays, n);
        var level = 0m;
        for (var i = n - levelDays; i < n; i++)
        {
            level += deseasoned[i];
        }

        level /= levelDays;
        var slope = Trend(deseasoned) * TrendWeight;
        // The level is the mean of the last week, centred (levelDays - 1) / 2 days before the last known day.
        var centre = (levelDays - 1) / 2m;
        for (var h = 0; h < horizon; h++)
        {
            var day = level + (slope * (centre + h + 1));
            forecast[h] = day * factors[Weekday(firstDay, n + h)];
        }

        return forecast;
    }

    /// <summary>Sum of <see cref="Forecast"/>.</summary>
    public static decimal ForecastSum(ReadOnlySpan<decimal> history, DayOfWeek firstDay, int horizon)
    {
        var sum = 0m;
        foreach (var day in Forecast(history, firstDay, horizon))
        {
            sum += day;
        }

        return sum;
    }

    /// <summary>Weekday -> factor (mean 1 over the seven days); all 1 with under two weeks of data or no positive mean.</summary>
    public static decimal[] WeekdayFactors(ReadOnlySpan<decimal> history, DayOfWeek firstDay)
    {
        var factors = new decimal[7];
        Array.Fill(factors, 1m);
        var n = history.Length;
        if (n < MinSeasonDays)
        {
            return factors;
        }

        // Whole weeks only, so every weekday has the same number of days.
        var days = Math.Min(SeasonDays, n) / 7 * 7;
        var sums = new decimal[7];
        for (var i = n - days; i < n; i++)
        {
            sums[Weekday(firstDay, i)] += history[i];
        }

        var mean = sums.Sum() / 7;
        if (mean <= 0 || sums.Any(s => s < 0))
        {
            return factors;
        }

        for (var k = 0; k < 7; k++)
        {
            factors[k] = sums[k] / mean;
        }

        return factors;
    }

    /// <summary>
    /// Growth per day that the last three <see cref="TrendDays"/>-day windows agree on: the smaller of the two
    /// window-to-window changes when both go the same way, else 0. Steady growth passes; a step (a team adding or
    /// retiring a service) moves only one window pair and is not extrapolated. 0 with less than three windows.
    /// </summary>
    public static decimal Trend(ReadOnlySpan<decimal> deseasoned)
    {
        var n = deseasoned.Length;
        if (n < 3 * TrendDays)
        {
            return 0m;
        }

        var windows = new decimal[3];
        for (var w = 0; w < 3; w++)
        {
            for (var i = 0; i < TrendDays; i++)
            {
                windows[w] += deseasoned[n - 1 - (w * TrendDays) - i];
            }

            windows[w] /= TrendDays;
        }

        var recent = windows[0] - windows[1];
        var before = windows[1] - windows[2];
        if (Math.Sign(recent) != Math.Sign(before))
        {
            return 0m;
        }

        return (Math.Abs(recent) < Math.Abs(before) ? recent : before) / TrendDays;
    }

    private static int Weekday(DayOfWeek firstDay, int index) => ((int)firstDay + index) % 7;
}
