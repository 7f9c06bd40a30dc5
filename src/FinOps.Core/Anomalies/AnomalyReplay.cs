using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace FinOps.Core.Anomalies;

/// <summary>Replays the daily anomaly job over in-memory series: each run date judges the day before it with only the data up to that day.</summary>
/// <remarks>
/// <para>One incident per series and run of anomalous days in one direction (gaps of up to two days in the band are
/// bridged): the incident's end (the day after its last anomalous day) grows while it goes on; it is resolved when the
/// cost is back in the band (or once its new level is learned).</para>
/// <para>With alert thresholds on (not <c>all</c>), a day alerts only when it also passes the team's money and percent
/// minimums, and one change is reported at one scope: a team-and-service move is kept only when its team's total moved
/// with it (at least half as much; a migration between two services of one team moves nothing and is dropped), a
/// team's move is dropped when the kept moves of its services explain at least half of it, and an account's move is
/// dropped when the teams with a kept move explain at least half of it. The most specific scope that explains the
/// change wins; a team scope remains when no single service does.</para>
/// <para>Returning to the old normal is not an anomaly: within four weeks of an incident, a day in the opposite
/// direction that is back within the band of the level before that incident is not flagged.</para>
/// </remarks>
public sealed class AnomalyReplay
{
    private const int RecoveryDays = 28;

    /// <summary>Days without a detection that an incident bridges (a leak or a long spike can dip into the band for a day).</summary>
    private const int GapDays = 2;

    /// <summary>Days on an incident's chart: four weeks up to its last day.</summary>
    public const int ChartDays = 28;

    /// <summary>Days after a finished incident's last day its chart goes on (showing the cost back in the band).</summary>
    public const int ChartDaysAfter = 7;
    private readonly AnomalyOptions _options;
    private readonly HolidayCalendar _holidays;

    public AnomalyReplay(AnomalyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        _options = options;
        _holidays = new HolidayCalendar(options.Holidays);
    }

    /// <summary>
    /// Runs the job for each run date in [<paramref name="fromRun"/>, <paramref name="toRun"/>): run date D judges day D-1.
    /// <paramref name="firstDay"/> is the date of index 0 of every series; values on or after D-1 are never read before run D.
    /// </summary>
    public IReadOnlyList<CostAnomaly> Run(IReadOnlyList<AnomalySeries> series, DateOnly firstDay, DateOnly fromRun, DateOnly toRun, bool all)
    {
        ArgumentNullException.ThrowIfNull(series);
        var length = series.Count == 0 ? 0 : series.Max(s => s.Values.Length);
        var quiet = new bool[length];
        for (var t = 0; t < length; t++)
        {
            quiet[t] = _holidays.IsHoliday(firstDay.AddDays(t));
        }

        var values = series.Select(s => Array.ConvertAll(s.Values, v => (double)v)).ToArray();
        var states = series.Select(_ => new SeriesState()).ToArray();
        var teamSeries = new Dictionary<(string Team, string Currency), int>();
        for (var i = 0; i < series.Count; i++)
        {
            if (series[i].Level == AnomalyScopeLevel.Team)
            {
                teamSeries[(series[i].Team!, series[i].Currency)] = i;
            }
        }

        var judgements = new DayJudgement[series.Count];
        var bands = new Band[series.Count][];
        var flags = new Flag?[series.Count];
        var lastJudged = toRun.DayNumber - 2 - firstDay.DayNumber;
        for (var run = fromRun; run < toRun; run = run.AddDays(1))
        {
            var d = run.DayNumber - 1 - firstDay.DayNumber;
            if (d < 0)
            {
                continue;
            }

            for (var i = 0; i < series.Count; i++)
            {
                flags[i] = null;
                if (d >= values[i].Length)
                {
                    judgements[i] = default;
                    continue;
                }

                var state = states[i];
                // A run is kept out of the level for LearnAfterDays, and a leak for as long as it keeps growing (plus that).
                var excludeFrom = state.Raw is { } open && open.Last == d - 1
                    && (d - open.Start < _options.LearnAfterDays || d - open.LastLeak < _options.LearnAfterDays) ? open.Start : int.MaxValue;
                var j = SeriesModel.Judge(values[i], d, quiet, firstDay.DayNumber, excludeFrom, _options);
                judgements[i] = j;
                if (j.Judged)
                {
                    bands[i] ??= new Band[values[i].Length];
                    bands[i][d] = new Band(true, j.Expected, _options.Sensitivity * j.Scale);
                }
                flags[i] = Decide(series[i], values[i][d], j, state, d, all);
            }

            if (!all)
            {
                Deduplicate(series, values, judgements, flags, teamSeries, states, d, _options.LearnAfterDays);
            }

            for (var i = 0; i < series.Count; i++)
            {
                Advance(states[i], flags[i], series[i].Values, d, _options.LearnAfterDays);
            }
        }

        var anomalies = new List<CostAnomaly>();
        for (var i = 0; i < series.Count; i++)
        {
            if (states[i].Open is { } open)
            {
                states[i].Closed.Add(open);
            }

            foreach (var incident in states[i].Closed)
            {
                var isOpen = incident.Last == lastJudged && ReferenceEquals(incident, states[i].Open);
                anomalies.Add(ToAnomaly(series[i], incident, firstDay, isOpen) with
                {
                    Chart = Chart(series[i], values[i], bands[i], quiet, firstDay, isOpen ? incident.Last : Math.Min(incident.Last + ChartDaysAfter, lastJudged)),
                });
            }
        }

        return [.. anomalies.OrderBy(a => a.Start).ThenBy(a => a.DetectedOn).ThenByDescending(a => Math.Abs(a.Impact)).ThenBy(a => a.Id, StringComparer.Ordinal)];
    }

    private Flag? Decide(AnomalySeries s, double actual, DayJudgement j, SeriesState state, int d, bool all)
    {
        if (!j.Judged || !(j.Up || j.Down || j.Leak))
        {
            return null;
        }

        var direction = j.Up || j.Leak ? AnomalyDirection.Up : AnomalyDirection.Down;
        var expected = j.Up || j.Down ? j.Expected : j.LeakExpected;
        var kind = j.Up || j.Down ? AnomalyKind.Point : AnomalyKind.Leak;

        // Back to the level before the last run of raw detections in the other direction: recovery, not a new anomaly.
        if (state.Raw is { } previous && previous.Direction != direction && d - previous.Last <= RecoveryDays)
        {
            var before = previous.LevelBefore * j.Factor;
            if (before > 0 && Math.Abs((actual / before) - 1) <= Math.Max(_options.Sensitivity * j.Scale, (double)_options.MinPercent / 100))
            {
                return null;
            }
        }

        // The raw run (every statistical detection, before thresholds and scope choice) is what the model keeps out of
        // its level while it lasts, and what a later recovery is measured against.
        // A run of noise-sized moves followed by a much larger one is a new event: its own learning period starts now.
        var size = Math.Abs((actual / expected) - 1);
        if (state.Raw is { } run && run.Direction == direction && run.Last == d - 1)
        {
            run.Last = d;
            if (j.Leak)
            {
                run.LastLeak = d;
            }

            if (run.Size < (double)_options.MinPercent / 100 && size > (2 * run.Size) + (_options.Sensitivity * j.Scale))
            {
                run.Start = d;
            }

            run.Size = Math.Max(run.Size, size);
        }
        else
        {
            state.Raw = new RawRun { Start = d, Last = d, Direction = direction, LevelBefore = j.Level, Size = size, LastLeak = j.Leak ? d : int.MinValue / 2 };
        }

        var impact = actual - expected;
        if (!all)
        {
            var (minMoney, minPercent) = _options.ThresholdsFor(s.Team);
            if (Math.Abs(impact) < (double)minMoney || Math.Abs(impact) < (double)minPercent / 100 * expected)
            {
                return null;
            }
        }

        return new Flag(direction, kind, expected, impact);
    }

    private static void Deduplicate(IReadOnlyList<AnomalySeries> series, double[][] values, DayJudgement[] judgements, Flag?[] flags,
        Dictionary<(string Team, string Currency), int> teamSeries, SeriesState[] states, int d, int learnAfterDays)
    {
        // 1. A service move its team's total did not make (a migration inside the team) is dropped.
        for (var i = 0; i < series.Count; i++)
        {
            if (flags[i] is not { } flag || series[i].Level != AnomalyScopeLevel.TeamService)
            {
                continue;
            }

            if (teamSeries.TryGetValue((series[i].Team!, series[i].Currency), out var t) && judgements[t].Judged)
            {
                var teamMove = values[t][d] - judgements[t].Expected;
                if (Math.Sign(teamMove) != Math.Sign(flag.Impact) || Math.Abs(teamMove) < 0.5 * Math.Abs(flag.Impact))
                {
                    flags[i] = null;
                }
            }
        }

        // 2. A team move its kept service moves explain is reported at the service, and so is a team move that goes on
        //    while one of its services has an incident in the same direction (the incident stays where it started).
        var explained = new Dictionary<(string Team, string Currency, AnomalyDirection Direction), double>();
        var ongoing = new HashSet<(string Team, string Currency, AnomalyDirection Direction)>();
        for (var i = 0; i < series.Count; i++)
        {
            if (series[i].Level != AnomalyScopeLevel.TeamService)
            {
                continue;
            }

            if (flags[i] is { } flag)
            {
                var key = (series[i].Team!, series[i].Currency, flag.Direction);
                explained[key] = explained.GetValueOrDefault(key) + Math.Abs(flag.Impact);
            }

            if (states[i].Open is { } open && Bridges(states[i], open, d, learnAfterDays))
            {
                ongoing.Add((series[i].Team!, series[i].Currency, open.Direction));
            }
        }

        var movedTeams = new Dictionary<(string Team, string Currency, AnomalyDirection Direction), bool>();
        for (var i = 0; i < series.Count; i++)
        {
            if (flags[i] is not { } flag || series[i].Level == AnomalyScopeLevel.Account)
            {
                continue;
            }

            var key = (series[i].Team!, series[i].Currency, flag.Direction);
            movedTeams[key] = true;
            if (series[i].Level == AnomalyScopeLevel.Team && (explained.GetValueOrDefault(key) >= 0.5 * Math.Abs(flag.Impact) || ongoing.Contains(key)))
            {
                flags[i] = null;
            }
        }

        // 3. An account move made by teams that already have a kept move (week-on-week change of their part) is theirs.
        for (var i = 0; i < series.Count; i++)
        {
            if (flags[i] is not { } flag || series[i].Level != AnomalyScopeLevel.Account || series[i].Parts is not { } parts || d < 7)
            {
                continue;
            }

            var byTeams = 0.0;
            foreach (var (team, part) in parts)
            {
                var key = (team, series[i].Currency, flag.Direction);
                if ((movedTeams.ContainsKey(key) || ongoing.Contains(key)) && d < part.Length)
                {
                    byTeams += (double)(part[d] - part[d - 7]);
                }
            }

            if (byTeams * Math.Sign(flag.Impact) >= 0.5 * Math.Abs(flag.Impact))
            {
                flags[i] = null;
            }
        }
    }

    /// <summary>Whether <paramref name="open"/> still takes a detection on day <paramref name="d"/>: after a short gap, or a longer one while its series keeps leaking.</summary>
    private static bool Bridges(SeriesState state, Incident open, int d, int learnAfterDays) =>
        d - open.Last <= GapDays + 1 || (state.Raw is { } run && run.LastLeak >= open.Start && d - open.Last <= learnAfterDays);

    private static void Advance(SeriesState state, Flag? flag, decimal[] values, int d, int learnAfterDays)
    {
        if (flag is not { } f)
        {
            if (state.Open is { } ended && !Bridges(state, ended, d + 1, learnAfterDays))
            {
                state.Closed.Add(ended);
                state.Open = null;
            }

            return;
        }

        var expected = Math.Round((decimal)f.Expected, 2);
        if (state.Open is { } open && open.Direction == f.Direction && Bridges(state, open, d, learnAfterDays))
        {
            open.Last = d;
            open.Actual += values[d];
            open.Expected += expected;
            return;
        }

        if (state.Open is { } other)
        {
            state.Closed.Add(other);
        }

        state.Open = new Incident
        {
            Start = d, Last = d, Direction = f.Direction, Kind = f.Kind, Actual = values[d], Expected = expected,
        };
    }

    /// <summary>
    /// The chart days up to <paramref name="last"/>: the band the run that judged each day used, or (for days before the
    /// replayed runs) the model's judgement of the day with the data before it.
    /// </summary>
    private List<AnomalyDay> Chart(AnomalySeries s, double[] values, Band[]? bands, bool[] quiet, DateOnly firstDay, int last)
    {
        var days = new List<AnomalyDay>(ChartDays);
        last = Math.Min(last, values.Length - 1);
        for (var t = Math.Max(0, last - ChartDays + 1); t <= last; t++)
        {
            var band = bands?[t] ?? default;
            if (!band.Judged)
            {
                var j = SeriesModel.Judge(values, t, quiet, firstDay.DayNumber, int.MaxValue, _options);
                band = j.Judged ? new Band(true, j.Expected, _options.Sensitivity * j.Scale) : default;
            }

            days.Add(band.Judged
                ? new AnomalyDay(
                    firstDay.AddDays(t),
                    s.Values[t],
                    Money(band.Expected),
                    Money(Math.Max(0, band.Expected * (1 - band.Width))),
                    Money(band.Expected * (1 + band.Width)))
                : new AnomalyDay(firstDay.AddDays(t), s.Values[t], null, null, null));
        }

        return days;
    }

    private static decimal Money(double value) => Math.Round((decimal)value, 2);

    private static CostAnomaly ToAnomaly(AnomalySeries s, Incident incident, DateOnly firstDay, bool isOpen)
    {
        var start = firstDay.AddDays(incident.Start);
        return new CostAnomaly(
            Id(s, start, incident.Direction),
            s.Scope,
            start,
            firstDay.AddDays(incident.Last + 1),
            start.AddDays(1),
            isOpen,
            s.Currency,
            incident.Actual,
            incident.Expected,
            incident.Actual - incident.Expected,
            incident.Direction,
            incident.Kind,
            []);
    }

    /// <summary>A stable id: the same series, start and direction give the same id in every replay.</summary>
    public static string Id(AnomalySeries series, DateOnly start, AnomalyDirection direction)
    {
        ArgumentNullException.ThrowIfNull(series);
        var text = string.Create(CultureInfo.InvariantCulture, $"{series.ScopeText}|{series.Currency}|{start:yyyy-MM-dd}|{direction}");
        return "an-" + Convert.ToHexStringLower(XxHash64.Hash(Encoding.UTF8.GetBytes(text)))[..12];
    }

    /// <summary>The expected cost of a judged day and the band's relative half-width around it.</summary>
    private readonly record struct Band(bool Judged, double Expected, double Width);

    private readonly record struct Flag(AnomalyDirection Direction, AnomalyKind Kind, double Expected, double Impact);

    private sealed class RawRun
    {
        public int Start { get; set; }

        public double Size { get; set; }

        public int LastLeak { get; set; }

        public int Last { get; set; }

        public AnomalyDirection Direction { get; init; }

        public double LevelBefore { get; init; }
    }

    private sealed class SeriesState
    {
        public RawRun? Raw { get; set; }

        public Incident? Open { get; set; }

        public List<Incident> Closed { get; } = [];
    }

    private sealed class Incident
    {
        public int Start { get; init; }

        public int Last { get; set; }

        public AnomalyDirection Direction { get; init; }

        public AnomalyKind Kind { get; init; }

        public decimal Actual { get; set; }

        public decimal Expected { get; set; }
    }
}
