using FinOps.Core.Calendar;
using FinOps.Core.Query;

namespace FinOps.Core.Anomalies;

/// <summary>
/// The incidents of the daily anomaly job as of now, replayed exactly as the alert job replays them, so that chat answers
/// and digests never disagree with the alert cards.
/// </summary>
/// <remarks>
/// <para>The run date is today (UTC, from the injected <see cref="TimeProvider"/>) but never later than the day after the
/// last day with cost: a day not yet imported is never judged as a drop. The detector replays the last
/// <c>replayDays</c> run dates up to it with the default alert thresholds, so an ongoing incident keeps the start, and
/// therefore the id, it was first alerted with.</para>
/// <para>Reads the full cost store (not a viewer's part of it): a series must be the same series the alert job sees.
/// Callers hide what a viewer may not see afterwards (<see cref="AnomalyOwnership.OwningTeam"/>).</para>
/// </remarks>
public sealed class AnomalyQueryService
{
    /// <summary>Run dates replayed up to the current one (the alert job's <c>AnomalyAlerts:ReplayDays</c> default).</summary>
    public const int DefaultReplayDays = 35;

    private readonly ICostQueryService _costs;
    private readonly AnomalyOptions _options;
    private readonly TimeProvider _time;

    public AnomalyQueryService(ICostQueryService costs, AnomalyOptions options, TimeProvider time, int replayDays = DefaultReplayDays)
    {
        _costs = costs ?? throw new ArgumentNullException(nameof(costs));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        ArgumentOutOfRangeException.ThrowIfLessThan(replayDays, 1);
        ReplayDays = replayDays;
    }

    public int ReplayDays { get; }

    /// <summary>The run date for <paramref name="today"/>: at most the day after the last day of <paramref name="coverage"/>.</summary>
    public static DateOnly RunDate(DataCoverage coverage, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(coverage);
        return coverage.Dates.End < today ? coverage.Dates.End : today;
    }

    /// <summary>The incidents reported on <paramref name="runDate"/> (replaying the run dates before it), passing the alert thresholds.</summary>
    public Task<IReadOnlyList<CostAnomaly>> ReplayAsync(DateOnly runDate, CancellationToken cancellationToken) =>
        ReplayAsync(runDate.AddDays(1 - ReplayDays), runDate, cancellationToken);

    /// <summary>Replays run dates <paramref name="fromRun"/> through <paramref name="runDate"/> (the alert job reaches back while an alert is open).</summary>
    public Task<IReadOnlyList<CostAnomaly>> ReplayAsync(DateOnly fromRun, DateOnly runDate, CancellationToken cancellationToken) =>
        new AnomalyDetectionService(_costs, _options).ReplayAsync(fromRun, runDate.AddDays(1), all: false, cancellationToken);

    /// <summary>The incidents as of now; null when the store has no cost at all.</summary>
    public async Task<AnomalySnapshot?> CurrentAsync(CancellationToken cancellationToken)
    {
        var coverage = await _costs.GetCoverageAsync(cancellationToken);
        if (coverage is null)
        {
            return null;
        }

        var runDate = RunDate(coverage, CostCalendar.Today(_time));
        return new AnomalySnapshot(runDate, await ReplayAsync(runDate, cancellationToken));
    }

    /// <summary>
    /// What the detector's model says about <paramref name="days"/> of the usage cost matching <paramref name="filters"/>
    /// (in its largest currency): actual against expected, each day judged with only the data up to it. Null when there is no
    /// such cost.
    /// </summary>
    public async Task<AnomalyDayCheck?> CheckAsync(IReadOnlyDictionary<Dimension, IReadOnlyList<string>> filters, DateRange days, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filters);
        ArgumentNullException.ThrowIfNull(days);
        var first = days.Start.AddDays(-AnomalyDetectionService.LookBackDays);
        var period = new DateRange(first, days.End);
        var usage = new Dictionary<Dimension, IReadOnlyList<string>>(filters) { [Dimension.ChargeCategory] = ["Usage"] };
        var result = await _costs.QueryAsync(new CostQuery { Period = period, Filters = usage, Granularity = Granularity.Day }, cancellationToken);
        var main = result.ByCurrency.OrderByDescending(c => Math.Abs(c.Total)).ThenBy(c => c.Currency, StringComparer.Ordinal).FirstOrDefault();
        if (main is null)
        {
            return null;
        }

        var values = new decimal[period.Days];
        foreach (var row in main.Rows)
        {
            if (row.Bucket is { } day && period.Contains(day))
            {
                values[day.DayNumber - first.DayNumber] += row.Value;
            }
        }

        var holidays = new HolidayCalendar(_options.Holidays);
        var quiet = new bool[values.Length];
        for (var t = 0; t < quiet.Length; t++)
        {
            quiet[t] = holidays.IsHoliday(first.AddDays(t));
        }

        var x = Array.ConvertAll(values, v => (double)v);
        decimal actual = 0, expected = 0;
        var judged = 0;
        for (var d = days.Start.DayNumber - first.DayNumber; d < values.Length; d++)
        {
            // Only the data up to the judged day, as on the morning after it.
            var j = SeriesModel.Judge(x.AsSpan(0, d + 1), d, quiet, first.DayNumber, int.MaxValue, _options);
            if (!j.Judged)
            {
                continue;
            }

            judged++;
            actual += values[d];
            expected += Math.Round((decimal)j.Expected, 2);
        }

        return new AnomalyDayCheck(main.Currency, actual, expected, judged);
    }
}
