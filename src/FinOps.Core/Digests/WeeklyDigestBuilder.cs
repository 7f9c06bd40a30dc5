using FinOps.Core.Anomalies;
using FinOps.Core.Calendar;
using FinOps.Core.Freshness;
using FinOps.Core.Query;
using FinOps.Core.UnitEconomics;

namespace FinOps.Core.Digests;

/// <summary>Builds a team's <see cref="WeeklyDigest"/> for the last full ISO week (Monday to Sunday, UTC) before today.</summary>
/// <remarks>
/// <see cref="BuildAsync"/> runs three queries filtered to one team; <see cref="BuildManyAsync"/> runs the same three
/// queries once, grouped by team, and cuts the rows per team. A fact split across teams contributes the same part either
/// way, so both give the same digests; the grouped form costs three scans of two weeks whatever the number of teams.
/// </remarks>
public sealed class WeeklyDigestBuilder
{
    public const int TopServiceCount = 5;
    public const int TopMoverCount = 5;

    private readonly ICostQueryService _costs;
    private readonly TimeProvider _time;
    private readonly IBusinessMetrics? _metrics;
    private readonly AnomalyQueryService? _anomalies;
    private readonly IDataFreshness? _freshness;

    /// <param name="costs">The cost store.</param>
    /// <param name="time">The clock that decides the digest week.</param>
    /// <param name="metrics">Business metrics; when given, the digest shows the team's unit cost for each metric it counts.</param>
    /// <param name="anomalies">The anomaly detector as the alerts replay it; when given, the digest lists the team's open anomalies.</param>
    /// <param name="freshness">The ingestion sources' freshness; when given, the digest says how far each provider's exports are complete.</param>
    public WeeklyDigestBuilder(
        ICostQueryService costs, TimeProvider time, IBusinessMetrics? metrics = null, AnomalyQueryService? anomalies = null, IDataFreshness? freshness = null)
    {
        _freshness = freshness;
        _costs = costs ?? throw new ArgumentNullException(nameof(costs));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _metrics = metrics;
        _anomalies = anomalies;
    }

    /// <summary>The last full ISO week before today: a Monday start, seven days, ending on or before today.</summary>
    public static DateRange LastFullWeek(DateOnly today)
    {
        var thisWeek = CostCalendar.StartOfWeek(today);
        return new DateRange(thisWeek.AddDays(-7), thisWeek);
    }

    public DateRange CurrentDigestWeek() => LastFullWeek(CostCalendar.Today(_time));

    public async Task<WeeklyDigest> BuildAsync(string teamKey, string teamName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(teamKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(teamName);

        var week = CurrentDigestWeek();
        var previous = week.Previous();
        var filters = new Dictionary<Dimension, IReadOnlyList<string>> { [Dimension.Team] = [teamKey] };
        var (services, resources, daily) = await QueryAsync(week, previous, filters, [], cancellationToken);

        var rows = new TeamRows();
        rows.AddAll(services, resources, daily, keyIndex: 0);
        var series = await SeriesAsync(cancellationToken);
        var digest = await DigestAsync(teamKey, teamName, week, previous, rows, series, cancellationToken);
        return digest with { OpenAnomalies = OpenOf(teamKey, await OpenAnomaliesAsync(cancellationToken)), Freshness = await FreshnessAsync(cancellationToken) };
    }

    /// <summary>
    /// The digests of <paramref name="teams"/> (in their order) for one digest week, from three queries grouped by team
    /// instead of three per team: the same digests <see cref="BuildAsync"/> gives each team.
    /// </summary>
    public async Task<IReadOnlyList<WeeklyDigest>> BuildManyAsync(IReadOnlyList<DigestTeam> teams, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(teams);
        foreach (var team in teams)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(team.Key);
            ArgumentException.ThrowIfNullOrWhiteSpace(team.DisplayName);
        }

        if (teams.Count == 0)
        {
            return [];
        }

        var week = CurrentDigestWeek();
        var previous = week.Previous();
        var (services, resources, daily) = await QueryAsync(week, previous, new Dictionary<Dimension, IReadOnlyList<string>>(), [Dimension.Team], cancellationToken);

        // A team filter matches labels trimmed and case-insensitively, so a team is the rows of every label it matches.
        var byKey = new Dictionary<string, TeamRows>(StringComparer.OrdinalIgnoreCase);
        foreach (var team in teams)
        {
            byKey.TryAdd(team.Key.Trim(), new TeamRows());
        }

        var labels = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var ambiguous = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (kind, result) in new[] { (RowKind.Service, services), (RowKind.Resource, resources), (RowKind.Day, daily) })
        {
            foreach (var currency in result.ByCurrency)
            {
                foreach (var row in currency.Rows)
                {
                    var label = row.Key[0];
                    var key = label.Trim();
                    if (!byKey.TryGetValue(key, out var target))
                    {
                        continue;
                    }

                    if (labels.TryGetValue(key, out var seen) && !string.Equals(seen, label, StringComparison.Ordinal))
                    {
                        ambiguous.Add(key);
                        continue;
                    }

                    labels[key] = label;
                    target.Add(kind, currency.Currency, row, keyIndex: 1);
                }
            }
        }

        var series = await SeriesAsync(cancellationToken);
        var open = await OpenAnomaliesAsync(cancellationToken);
        var freshness = await FreshnessAsync(cancellationToken);
        var digests = new List<WeeklyDigest>(teams.Count);
        foreach (var team in teams)
        {
            var key = team.Key.Trim();

            // Two labels for one team ("Payments" and "payments" from different allocation paths) would need their rows
            // merged the way one filtered scan merges them; the filtered query is exact and this case is rare.
            digests.Add(ambiguous.Contains(key)
                ? await BuildAsync(team.Key, team.DisplayName, cancellationToken)
                : await DigestAsync(team.Key, team.DisplayName, week, previous, byKey[key], series, cancellationToken) with { OpenAnomalies = OpenOf(team.Key, open) });
            digests[^1] = digests[^1] with { Freshness = freshness };
        }

        return digests;
    }

    /// <summary>Every open incident as of now (one replay for all teams); empty without a detector.</summary>
    private async Task<IReadOnlyList<CostAnomaly>> OpenAnomaliesAsync(CancellationToken cancellationToken) =>
        _anomalies is null ? [] : [.. (await _anomalies.CurrentAsync(cancellationToken))?.Open ?? []];

    private static CostAnomaly[] OpenOf(string teamKey, IReadOnlyList<CostAnomaly> open) =>
    [
        .. open
            .Where(a => string.Equals(AnomalyOwnership.OwningTeam(a)?.Trim(), teamKey.Trim(), StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(a => Math.Abs(a.Impact))
            .ThenBy(a => a.Id, StringComparer.Ordinal),
    ];

    private async Task<IReadOnlyList<BusinessMetricSeries>> SeriesAsync(CancellationToken cancellationToken) =>
        _metrics is null ? [] : await _metrics.GetSeriesAsync(cancellationToken);

    private async Task<(CostQueryResult Services, CostQueryResult Resources, CostQueryResult Daily)> QueryAsync(
        DateRange week, DateRange previous, IReadOnlyDictionary<Dimension, IReadOnlyList<string>> filters, IReadOnlyList<Dimension> groupBy, CancellationToken cancellationToken)
    {
        var services = await _costs.QueryAsync(
            new CostQuery { Period = week, ComparePeriod = previous, Filters = filters, GroupBy = [.. groupBy, Dimension.Service] },
            cancellationToken);
        var resources = await _costs.QueryAsync(
            new CostQuery { Period = week, ComparePeriod = previous, Filters = filters, GroupBy = [.. groupBy, Dimension.Resource] },
            cancellationToken);
        var daily = await _costs.QueryAsync(
            new CostQuery { Period = new DateRange(previous.Start, week.End), Filters = filters, GroupBy = groupBy, Granularity = Granularity.Day },
            cancellationToken);
        return (services, resources, daily);
    }

    private async Task<WeeklyDigest> DigestAsync(
        string teamKey, string teamName, DateRange week, DateRange previous, TeamRows rows, IReadOnlyList<BusinessMetricSeries> series, CancellationToken cancellationToken)
    {
        var currencies = rows.ServiceCurrencies
            .Concat(rows.DayCurrencies)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

        var sections = new List<WeeklyDigestCurrency>();
        foreach (var currency in currencies)
        {
            var byService = rows.Lines(RowKind.Service, currency);
            var byResource = rows.Lines(RowKind.Resource, currency);
            var days = Days(week, rows.DayTotals(currency));
            var total = days.Sum(d => d.Value);
            var previousTotal = days.Sum(d => d.PreviousValue);
            if (total == 0 && previousTotal == 0 && byService.All(l => l.Current == 0 && l.Previous == 0))
            {
                continue;
            }

            var topServices = byService
                .OrderByDescending(l => l.Current)
                .ThenBy(l => l.Name, StringComparer.Ordinal)
                .Take(TopServiceCount)
                .ToArray();
            var moverSource = byResource.Count > 0 ? byResource : byService;
            var movers = moverSource
                .Where(l => l.Change != 0)
                .OrderByDescending(l => Math.Abs(l.Change))
                .ThenBy(l => l.Name, StringComparer.Ordinal)
                .Take(TopMoverCount)
                .ToArray();
            sections.Add(new WeeklyDigestCurrency(currency, total, previousTotal, topServices, days, movers));
        }

        return new WeeklyDigest(teamKey, teamName, week, previous, sections)
        {
            UnitCosts = await UnitCostsAsync(teamKey, week, previous, sections, series, cancellationToken),
        };
    }

    private async Task<IReadOnlyList<SourceFreshness>> FreshnessAsync(CancellationToken cancellationToken) =>
        _freshness is null ? [] : await _freshness.GetAsync(cancellationToken);

    /// <summary>The week's cost (main currency) over each of the team's own metrics that has a value every day of the week.</summary>
    private async Task<IReadOnlyList<DigestUnitCost>> UnitCostsAsync(
        string teamKey, DateRange week, DateRange previous, List<WeeklyDigestCurrency> sections, IReadOnlyList<BusinessMetricSeries> series, CancellationToken cancellationToken)
    {
        var main = sections.OrderByDescending(s => s.Total).FirstOrDefault();
        if (_metrics is null || main is null)
        {
            return [];
        }

        var team = teamKey.ToLowerInvariant();
        var result = new List<DigestUnitCost>();
        foreach (var one in series.Where(s => s.Team == team))
        {
            var days = await _metrics.GetValuesAsync(one.Metric, one.Team, new DateRange(previous.Start, week.End), cancellationToken);
            var thisWeek = days.Where(d => week.Contains(d.Date)).ToList();
            if (thisWeek.Count < week.Days)
            {
                // A partly counted week would make the unit cost look higher than it was.
                continue;
            }

            var lastWeek = days.Where(d => previous.Contains(d.Date)).ToList();
            var volume = thisWeek.Sum(d => d.Value);
            var scale = UnitCost.ChooseScale(main.Total, volume);
            decimal? before = lastWeek.Count == previous.Days ? new UnitCost(main.PreviousTotal, lastWeek.Sum(d => d.Value), scale).Value : null;
            result.Add(new DigestUnitCost(one.Metric, main.Currency, scale, main.Total, volume, new UnitCost(main.Total, volume, scale).Value, before));
        }

        return result;
    }

    private static DigestDay[] Days(DateRange week, Dictionary<DateOnly, decimal>? byDate)
    {
        byDate ??= [];
        return Enumerable.Range(0, week.Days)
            .Select(i => week.Start.AddDays(i))
            .Select(d => new DigestDay(d, byDate.GetValueOrDefault(d), byDate.GetValueOrDefault(d.AddDays(-7))))
            .ToArray();
    }

    private enum RowKind
    {
        Service,
        Resource,
        Day,
    }

    /// <summary>One team's rows of the three digest queries, per currency, in the order the queries returned them.</summary>
    private sealed class TeamRows
    {
        private readonly Dictionary<string, List<DigestLine>> _services = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<DigestLine>> _resources = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Dictionary<DateOnly, decimal>> _days = new(StringComparer.Ordinal);

        public IEnumerable<string> ServiceCurrencies => _services.Keys;

        public IEnumerable<string> DayCurrencies => _days.Keys;

        public void AddAll(CostQueryResult services, CostQueryResult resources, CostQueryResult daily, int keyIndex)
        {
            foreach (var (kind, result) in new[] { (RowKind.Service, services), (RowKind.Resource, resources), (RowKind.Day, daily) })
            {
                foreach (var currency in result.ByCurrency)
                {
                    // The filtered query lists a currency only when the team has rows in it, as the grouped one does.
                    if (kind == RowKind.Day)
                    {
                        _days.TryAdd(currency.Currency, []);
                    }
                    else
                    {
                        Lines(kind).TryAdd(currency.Currency, []);
                    }

                    foreach (var row in currency.Rows)
                    {
                        Add(kind, currency.Currency, row, keyIndex);
                    }
                }
            }
        }

        public void Add(RowKind kind, string currency, CostRow row, int keyIndex)
        {
            if (kind == RowKind.Day)
            {
                if (!_days.TryGetValue(currency, out var byDate))
                {
                    byDate = [];
                    _days[currency] = byDate;
                }

                if (row.Bucket is { } day)
                {
                    byDate[day] = byDate.GetValueOrDefault(day) + row.Value;
                }

                return;
            }

            var lines = Lines(kind);
            if (!lines.TryGetValue(currency, out var list))
            {
                list = [];
                lines[currency] = list;
            }

            var name = row.Key.Count > keyIndex ? row.Key[keyIndex] : "(none)";
            list.Add(new DigestLine(kind == RowKind.Service ? "service" : "resource", name, row.Value, row.CompareValue ?? 0m));
        }

        public List<DigestLine> Lines(RowKind kind, string currency) => Lines(kind).GetValueOrDefault(currency) ?? [];

        public Dictionary<DateOnly, decimal>? DayTotals(string currency) => _days.GetValueOrDefault(currency);

        private Dictionary<string, List<DigestLine>> Lines(RowKind kind) => kind == RowKind.Service ? _services : _resources;
    }
}
