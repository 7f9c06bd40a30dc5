using System.Globalization;
using FinOps.Core.Calendar;
using FinOps.Core.Forecasting;
using FinOps.Core.Query;
using FinOps.Storage.Import;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Benchmarks;

/// <summary>
/// Backtest of <see cref="ICostForecaster"/> on the demo data: period-end forecasts for months, fiscal quarters and fiscal
/// years, per team and for the company, for EffectiveCost and BilledCost, per currency; MAPE and 80%-interval coverage
/// against three baselines, per level (company, teams) and metric.
/// </summary>
/// <remarks>
/// <para>Periods with a whole previous period of data and a complete outcome. As-of points: days 3, 8, 15 and 22 of the
/// month; of each of a quarter's three months; for a year, days 3 and 15 of each of its twelve months (early, middle and
/// late in the year without 48 rows per table).</para>
/// <para>Baselines, all from the same store: <b>run-rate</b> (period to date / days elapsed x days in the period, the old
/// answer), <b>last period</b> (the previous period's total) and <b>weekday run-rate</b> (period to date plus, for each
/// remaining day, the mean of the elapsed weekdays or weekend days of the period; a day type not seen yet uses its mean
/// over the seven days before the as-of day). A series whose period total is not positive is left out (its percentage
/// error means nothing).</para>
/// </remarks>
public static class ForecastBacktest
{
    public static readonly int[] AsOfDays = [3, 8, 15, 22];

    private static readonly int[] YearAsOfDays = [3, 15];

    private static readonly CostMetric[] Metrics = [CostMetric.EffectiveCost, CostMetric.BilledCost];

    /// <summary>Month, fiscal quarter or fiscal year.</summary>
    public enum PeriodKind
    {
        Month,
        Quarter,
        Year,
    }

    public static async Task<int> RunAsync(
        string csv, string databasePath, string? outcomesCsv, IReadOnlyList<PeriodKind> kinds, IReadOnlyList<int> fiscalStarts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentNullException.ThrowIfNull(fiscalStarts);
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

        // Every series once, then every period and as-of point of every kind over it.
        var series = new List<(CostMetric Metric, string Scope, CostQuery Query, Dictionary<string, SortedDictionary<DateOnly, decimal>> Daily)>();
        foreach (var metric in Metrics)
        {
            foreach (var (name, filters) in scopes)
            {
                var query = new CostQuery { Metric = metric, Period = new DateRange(coverage.Dates.Start, coverage.Dates.End), Filters = filters };
                series.Add((metric, name, query, await DailyAsync(queries, query, cancellationToken)));
            }
        }

        var failures = 0;
        var all = new List<Outcome>();
        foreach (var kind in kinds)
        {
            foreach (var fiscalStart in kind == PeriodKind.Month ? [1] : fiscalStarts)
            {
                var periods = Periods(kind, new CostCalendar(fiscalStart), coverage.Dates);
                if (periods.Count == 0)
                {
                    Console.WriteLine(Invariant($"{Title(kind, fiscalStart)}: no period with a whole previous period in {coverage.Dates.Start:yyyy-MM-dd}..{coverage.Dates.End:yyyy-MM-dd} (generate more months: --months)"));
                    Console.WriteLine();
                    continue;
                }

                var outcomes = new List<Outcome>();
                foreach (var (metric, name, query, daily) in series)
                {
                    foreach (var (period, previous) in periods)
                    {
                        foreach (var (label, asOf) in AsOfPoints(kind, period))
                        {
                            var forecasts = await forecaster.ForecastAsync(new ForecastRequest(query, period, asOf), cancellationToken);
                            foreach (var (currency, days) in daily)
                            {
                                var actual = Sum(days, period.Start, period.End);
                                if (actual <= 0)
                                {
                                    continue;
                                }

                                var ours = forecasts.FirstOrDefault(f => f.Currency == currency);
                                outcomes.Add(new Outcome(
                                    kind, fiscalStart, metric, name, currency, period.Start, label, actual,
                                    ours?.Value ?? 0m, ours?.Low ?? 0m, ours?.High ?? 0m,
                                    RunRate(days, period, asOf), Sum(days, previous.Start, previous.End), WeekdayRunRate(days, period, asOf)));
                            }
                        }
                    }
                }

                Console.WriteLine(Invariant($"{Title(kind, fiscalStart)}: {periods.Count} periods ({periods[0].Period.Start:yyyy-MM-dd}..{periods[^1].Period.End.AddDays(-1):yyyy-MM-dd}), {scopes.Count} scopes (company + {teams.Count} teams), 2 metrics, per currency: {outcomes.Count} forecasts"));
                Console.WriteLine();
                failures += Table($"{Title(kind, fiscalStart)}, all series", outcomes);
                failures += Table($"{Title(kind, fiscalStart)}, company", [.. outcomes.Where(o => o.Scope == "company")]);
                failures += Table($"{Title(kind, fiscalStart)}, teams", [.. outcomes.Where(o => o.Scope != "company")]);
                foreach (var metric in Metrics)
                {
                    Table($"{Title(kind, fiscalStart)}, company, {metric}", [.. outcomes.Where(o => o.Scope == "company" && o.Metric == metric)]);
                    Table($"{Title(kind, fiscalStart)}, teams, {metric}", [.. outcomes.Where(o => o.Scope != "company" && o.Metric == metric)]);
                }

                all.AddRange(outcomes);
            }
        }

        if (outcomesCsv is not null)
        {
            await File.WriteAllLinesAsync(outcomesCsv, ["kind,fiscalStart,metric,scope,currency,period,asOf,actual,forecast,low,high,runRate,lastPeriod,weekdayRunRate", .. all.Select(o => Invariant($"{o.Kind},{o.FiscalStart},{o.Metric},{o.Scope},{o.Currency},{o.Period:yyyy-MM},{o.AsOf},{o.Actual},{o.Ours},{o.Low},{o.High},{o.RunRate},{o.LastPeriod},{o.WeekdayRunRate}"))], cancellationToken);
        }

        Console.WriteLine(failures == 0 ? "all goals met" : Invariant($"{failures} as-of rows miss a goal (all series, company or teams tables)"));
        return failures == 0 ? 0 : 1;
    }

    /// <summary>"month", "quarter (fiscal year from month 2)".</summary>
    private static string Title(PeriodKind kind, int fiscalStart) => kind switch
    {
        PeriodKind.Month => "month",
        _ => Invariant($"{kind.ToString().ToLowerInvariant()} (fiscal year from month {fiscalStart})"),
    };

    /// <summary>Periods of <paramref name="kind"/> whose previous period and whose own days all lie in <paramref name="dates"/>.</summary>
    private static List<(DateRange Period, DateRange Previous)> Periods(PeriodKind kind, CostCalendar calendar, DateRange dates)
    {
        var periods = new List<(DateRange, DateRange)>();
        for (var month = MonthStart(dates.Start); month < dates.End; month = month.AddMonths(1))
        {
            var period = kind switch
            {
                PeriodKind.Month => CostCalendar.Month(month),
                PeriodKind.Quarter => calendar.Quarter(month),
                _ => calendar.FiscalYear(month),
            };
            if (period.Start != month)
            {
                continue;
            }

            var months = kind switch { PeriodKind.Month => 1, PeriodKind.Quarter => 3, _ => 12 };
            var previous = new DateRange(period.Start.AddMonths(-months), period.Start);
            if (previous.Start >= dates.Start && period.End <= dates.End)
            {
                periods.Add((period, previous));
            }
        }

        return periods;
    }

    /// <summary>The as-of points of a period, labelled "3" for a month and "m2 d15" (second month, day 15) for longer periods.</summary>
    private static IEnumerable<(string Label, DateOnly AsOf)> AsOfPoints(PeriodKind kind, DateRange period)
    {
        if (kind == PeriodKind.Month)
        {
            foreach (var day in AsOfDays)
            {
                yield return (Invariant($"{day}"), period.Start.AddDays(day - 1));
            }

            yield break;
        }

        var days = kind == PeriodKind.Quarter ? AsOfDays : YearAsOfDays;
        var k = 1;
        for (var month = period.Start; month < period.End; month = month.AddMonths(1), k++)
        {
            foreach (var day in days)
            {
                yield return (Invariant($"m{k} d{day}"), month.AddDays(day - 1));
            }
        }
    }

    /// <summary>Prints one table (rows in as-of order); returns how many as-of rows miss a goal.</summary>
    private static int Table(string title, IReadOnlyList<Outcome> outcomes)
    {
        Console.WriteLine($"{title}:");
        Console.WriteLine();
        Console.WriteLine("| as-of | n | ours MAPE | run-rate | last period | weekday run-rate | best baseline | 80% coverage | below / above | goals |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        var failures = 0;
        foreach (var label in outcomes.Select(o => o.AsOf).Distinct())
        {
            var at = outcomes.Where(o => o.AsOf == label).ToList();
            var ours = Mape(at, o => o.Ours);
            var runRate = Mape(at, o => o.RunRate);
            var lastPeriod = Mape(at, o => o.LastPeriod);
            var weekday = Mape(at, o => o.WeekdayRunRate);
            var best = Math.Min(runRate, Math.Min(lastPeriod, weekday));
            var coverage = at.Count(o => o.Low <= o.Actual && o.Actual <= o.High) / (decimal)at.Count;
            var below = at.Count(o => o.Actual < o.Low) / (decimal)at.Count;
            var above = at.Count(o => o.Actual > o.High) / (decimal)at.Count;
            var met = ours < best && coverage is >= 0.75m and <= 0.85m;
            failures += met ? 0 : 1;
            Console.WriteLine(Invariant($"| {label} | {at.Count} | {ours:P2} | {runRate:P2} | {lastPeriod:P2} | {weekday:P2} | {best:P2} | {coverage:P1} | {below:P0} / {above:P0} | {(met ? "met" : "NOT met")} |"));
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

    private static decimal RunRate(SortedDictionary<DateOnly, decimal> days, DateRange period, DateOnly asOf)
    {
        var elapsed = asOf.DayNumber - period.Start.DayNumber;
        return Sum(days, period.Start, asOf) / elapsed * period.Days;
    }

    private static decimal WeekdayRunRate(SortedDictionary<DateOnly, decimal> days, DateRange period, DateOnly asOf)
    {
        var toDate = Sum(days, period.Start, asOf);
        var total = toDate;
        foreach (var weekend in new[] { false, true })
        {
            var mean = MeanOf(days, period.Start, asOf, weekend) ?? MeanOf(days, asOf.AddDays(-7), asOf, weekend) ?? 0m;
            for (var d = asOf; d < period.End; d = d.AddDays(1))
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
        PeriodKind Kind, int FiscalStart, CostMetric Metric, string Scope, string Currency, DateOnly Period, string AsOf, decimal Actual,
        decimal Ours, decimal Low, decimal High, decimal RunRate, decimal LastPeriod, decimal WeekdayRunRate);
}
