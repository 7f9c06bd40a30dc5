using System.Globalization;
using FinOps.Core.Forecasting;
using FinOps.Core.Query;
using FinOps.Storage.Import;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Benchmarks;

/// <summary>
/// Backtest of <see cref="ICostForecaster"/> on the demo data: month-end forecasts made on days 3, 8, 15 and 22 of
/// every month with a complete previous month, per team and for the company, for EffectiveCost and BilledCost, per
/// currency; MAPE and 80%-interval coverage against three baselines.
/// </summary>
/// <remarks>
/// Baselines, all from the same store: <b>run-rate</b> (month to date / days elapsed x days in month, the old answer),
/// <b>last month</b> (the previous month's total) and <b>weekday run-rate</b> (month to date plus, for each remaining
/// day, the mean of the elapsed weekdays or weekend days of the month; a day type not seen yet this month uses its
/// mean over the seven days before the as-of day). A series whose month total is not positive is left out (its
/// percentage error means nothing).
/// </remarks>
public static class ForecastBacktest
{
    public static readonly int[] AsOfDays = [3, 8, 15, 22];

    private static readonly CostMetric[] Metrics = [CostMetric.EffectiveCost, CostMetric.BilledCost];

    public static async Task<int> RunAsync(string csv, string databasePath, string? outcomesCsv, CancellationToken cancellationToken)
    {
        if (!File.Exists(databasePath))
        {
            await using var importing = OurSide.BuildServices(databasePath);
            var report = await importing.GetRequiredService<CostImporter>().ImportAsync([csv], cancellationToken);
            if (report.Files.Single().Status != ImportStatus.Imported)
            {
                throw new InvalidOperationException($"import failed: {report.Files.Single().Error}");
            }
        }

        await using var services = OurSide.BuildServices(databasePath);
        var queries = services.GetRequiredService<ICostQueryService>();
        var forecaster = services.GetRequiredService<ICostForecaster>();
        var coverage = await queries.GetCoverageAsync(cancellationToken) ?? throw new InvalidOperationException("the store is empty");
        var teams = await queries.GetDimensionValuesAsync(Dimension.Team, cancellationToken);
        var scopes = new List<(string Name, IReadOnlyDictionary<Dimension, IReadOnlyList<string>> Filters)>
        {
            ("company", new Dictionary<Dimension, IReadOnlyList<string>>()),
        };
        scopes.AddRange(teams.Select(t => (t, (IReadOnlyDictionary<Dimension, IReadOnlyList<string>>)new Dictionary<Dimension, IReadOnlyList<string>> { [Dimension.Team] = [t] })));

        // Months with a whole previous month of data and a complete outcome.
        var firstMonth = MonthStart(coverage.Dates.Start).AddMonths(coverage.Dates.Start.Day == 1 ? 1 : 2);
        var months = new List<DateRange>();
        for (var m = firstMonth; m.AddMonths(1) <= coverage.Dates.End; m = m.AddMonths(1))
        {
            months.Add(new DateRange(m, m.AddMonths(1)));
        }

        var outcomes = new List<Outcome>();
        foreach (var metric in Metrics)
        {
            foreach (var (name, filters) in scopes)
            {
                var scope = new CostQuery { Metric = metric, Period = new DateRange(coverage.Dates.Start, coverage.Dates.End), Filters = filters };
                var daily = await DailyAsync(queries, scope, cancellationToken);
                foreach (var month in months)
                {
                    foreach (var day in AsOfDays)
                    {
                        var asOf = month.Start.AddDays(day - 1);
                        var forecasts = await forecaster.ForecastAsync(new ForecastRequest(scope, month, asOf), cancellationToken);
                        foreach (var (currency, days) in daily)
                        {
                            var actual = Sum(days, month.Start, month.End);
                            if (actual <= 0)
                            {
                                continue;
                            }

                            var ours = forecasts.FirstOrDefault(f => f.Currency == currency);
                            outcomes.Add(new Outcome(
                                metric, name, currency, month.Start, day, actual,
                                ours?.Value ?? 0m, ours?.Low ?? 0m, ours?.High ?? 0m,
                                RunRate(days, month, asOf), Sum(days, month.Start.AddMonths(-1), month.Start), WeekdayRunRate(days, month, asOf)));
                        }
                    }
                }
            }
        }

        Console.WriteLine(Invariant($"{months.Count} months ({months[0].Start:yyyy-MM}..{months[^1].Start:yyyy-MM}), {scopes.Count} scopes (company + {teams.Count} teams), 2 metrics, per currency: {outcomes.Count} forecasts"));
        Console.WriteLine();
        if (outcomesCsv is not null)
        {
            await File.WriteAllLinesAsync(outcomesCsv, ["metric,scope,currency,month,asOfDay,actual,forecast,low,high,runRate,lastMonth,weekdayRunRate", .. outcomes.Select(o => Invariant($"{o.Metric},{o.Scope},{o.Currency},{o.Month:yyyy-MM},{o.AsOfDay},{o.Actual},{o.Ours},{o.Low},{o.High},{o.RunRate},{o.LastMonth},{o.WeekdayRunRate}"))], cancellationToken);
        }

        var failures = Table("all series", outcomes);
        foreach (var metric in Metrics)
        {
            Table(metric.ToString(), [.. outcomes.Where(o => o.Metric == metric)]);
        }

        Table("company only", [.. outcomes.Where(o => o.Scope == "company")]);
        return failures == 0 ? 0 : 1;
    }

    /// <summary>Prints one table; returns how many as-of days miss a goal.</summary>
    private static int Table(string title, IReadOnlyList<Outcome> outcomes)
    {
        Console.WriteLine($"{title}:");
        Console.WriteLine();
        Console.WriteLine("| as-of day | n | ours MAPE | run-rate | last month | weekday run-rate | best baseline | 80% coverage | below / above | goals |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        var failures = 0;
        foreach (var day in AsOfDays)
        {
            var at = outcomes.Where(o => o.AsOfDay == day).ToList();
            var ours = Mape(at, o => o.Ours);
            var runRate = Mape(at, o => o.RunRate);
            var lastMonth = Mape(at, o => o.LastMonth);
            var weekday = Mape(at, o => o.WeekdayRunRate);
            var best = Math.Min(runRate, Math.Min(lastMonth, weekday));
            var coverage = at.Count(o => o.Low <= o.Actual && o.Actual <= o.High) / (decimal)at.Count;
            var below = at.Count(o => o.Actual < o.Low) / (decimal)at.Count;
            var above = at.Count(o => o.Actual > o.High) / (decimal)at.Count;
            var met = ours < best && coverage is >= 0.75m and <= 0.85m;
            failures += met ? 0 : 1;
            Console.WriteLine(Invariant($"| {day} | {at.Count} | {ours:P2} | {runRate:P2} | {lastMonth:P2} | {weekday:P2} | {best:P2} | {coverage:P1} | {below:P0} / {above:P0} | {(met ? "met" : "NOT met")} |"));
        }

        Console.WriteLine();
        return failures;
    }

    private static decimal Mape(IReadOnlyList<Outcome> outcomes, Func<Outcome, decimal> forecast) =>
        outcomes.Average(o => Math.Abs(forecast(o) - o.Actual) / o.Actual);

    private static async Task<Dictionary<string, SortedDictionary<DateOnly, decimal>>> DailyAsync(ICostQueryService queries, CostQuery scope, CancellationToken cancellationToken)
    {
        var result = await queries.QueryAsync(scope with { Granularity = Granularity.Day }, cancellationToken);
        var daily = new Dictionary<string, SortedDictionary<DateOnly, decimal>>(StringComparer.Ordinal);
        foreach (var part in result.ByCurrency)
        {
            var days = daily[part.Currency] = [];
            foreach (var row in part.Rows)
            {
                days[row.Bucket!.Value] = days.GetValueOrDefault(row.Bucket!.Value) + row.Value;
            }
        }

        return daily;
    }

    private static decimal Sum(SortedDictionary<DateOnly, decimal> days, DateOnly from, DateOnly to) =>
        days.Where(p => p.Key >= from && p.Key < to).Sum(p => p.Value);

    private static decimal RunRate(SortedDictionary<DateOnly, decimal> days, DateRange month, DateOnly asOf)
    {
        var elapsed = asOf.DayNumber - month.Start.DayNumber;
        return Sum(days, month.Start, asOf) / elapsed * month.Days;
    }

    private static decimal WeekdayRunRate(SortedDictionary<DateOnly, decimal> days, DateRange month, DateOnly asOf)
    {
        var toDate = Sum(days, month.Start, asOf);
        var total = toDate;
        foreach (var weekend in new[] { false, true })
        {
            var mean = MeanOf(days, month.Start, asOf, weekend) ?? MeanOf(days, asOf.AddDays(-7), asOf, weekend) ?? 0m;
            for (var d = asOf; d < month.End; d = d.AddDays(1))
            {
                total += IsWeekend(d) == weekend ? mean : 0m;
            }
        }

        return total;
    }

    private static decimal? MeanOf(SortedDictionary<DateOnly, decimal> days, DateOnly from, DateOnly to, bool weekend)
    {
        var count = 0;
        var sum = 0m;
        for (var d = from; d < to; d = d.AddDays(1))
        {
            if (IsWeekend(d) == weekend)
            {
                count++;
                sum += days.GetValueOrDefault(d);
            }
        }

        return count == 0 ? null : sum / count;
    }

    private static bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private static DateOnly MonthStart(DateOnly day) => new(day.Year, day.Month, 1);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Outcome(
        CostMetric Metric, string Scope, string Currency, DateOnly Month, int AsOfDay, decimal Actual,
        decimal Ours, decimal Low, decimal High, decimal RunRate, decimal LastMonth, decimal WeekdayRunRate);
}
