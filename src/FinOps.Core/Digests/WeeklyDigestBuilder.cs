using FinOps.Core.Calendar;
using FinOps.Core.Query;
using FinOps.Core.UnitEconomics;

namespace FinOps.Core.Digests;

/// <summary>Builds a team's <see cref="WeeklyDigest"/> for the last full ISO week (Monday to Sunday, UTC) before today.</summary>
public sealed class WeeklyDigestBuilder
{
    public const int TopServiceCount = 5;
    public const int TopMoverCount = 5;

    private readonly ICostQueryService _costs;
    private readonly TimeProvider _time;
    private readonly IBusinessMetrics? _metrics;

    /// <param name="costs">The cost store.</param>
    /// <param name="time">The clock that decides the digest week.</param>
    /// <param name="metrics">Business metrics; when given, the digest shows the team's unit cost for each metric it counts.</param>
    public WeeklyDigestBuilder(ICostQueryService costs, TimeProvider time, IBusinessMetrics? metrics = null)
    {
        _costs = costs ?? throw new ArgumentNullException(nameof(costs));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _metrics = metrics;
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

        var services = await _costs.QueryAsync(
            new CostQuery { Period = week, ComparePeriod = previous, Filters = filters, GroupBy = [Dimension.Service] },
            cancellationToken);
        var resources = await _costs.QueryAsync(
            new CostQuery { Period = week, ComparePeriod = previous, Filters = filters, GroupBy = [Dimension.Resource] },
            cancellationToken);
        var daily = await _costs.QueryAsync(
            new CostQuery { Period = new DateRange(previous.Start, week.End), Filters = filters, Granularity = Granularity.Day },
            cancellationToken);

        var currencies = services.ByCurrency.Select(c => c.Currency)
            .Concat(daily.ByCurrency.Select(c => c.Currency))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

        var sections = new List<WeeklyDigestCurrency>();
        foreach (var currency in currencies)
        {
            var byService = Lines("service", services.ByCurrency.FirstOrDefault(c => c.Currency == currency));
            var byResource = Lines("resource", resources.ByCurrency.FirstOrDefault(c => c.Currency == currency));
            var days = Days(week, daily.ByCurrency.FirstOrDefault(c => c.Currency == currency));
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
            UnitCosts = await UnitCostsAsync(teamKey, week, previous, sections, cancellationToken),
        };
    }

    /// <summary>The week's cost (main currency) over each of the team's own metrics that has a value every day of the week.</summary>
    private async Task<IReadOnlyList<DigestUnitCost>> UnitCostsAsync(string teamKey, DateRange week, DateRange previous, List<WeeklyDigestCurrency> sections, CancellationToken cancellationToken)
    {
        var main = sections.OrderByDescending(s => s.Total).FirstOrDefault();
        if (_metrics is null || main is null)
        {
            return [];
        }

        var team = teamKey.ToLowerInvariant();
        var result = new List<DigestUnitCost>();
        foreach (var series in (await _metrics.GetSeriesAsync(cancellationToken)).Where(s => s.Team == team))
        {
            var days = await _metrics.GetValuesAsync(series.Metric, series.Team, new DateRange(previous.Start, week.End), cancellationToken);
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
            result.Add(new DigestUnitCost(series.Metric, main.Currency, scale, main.Total, volume, new UnitCost(main.Total, volume, scale).Value, before));
        }

        return result;
    }

    private static List<DigestLine> Lines(string kind, CurrencyCostResult? result)
    {
        if (result is null)
        {
            return [];
        }

        return result.Rows
            .Select(r => new DigestLine(kind, r.Key.Count > 0 ? r.Key[0] : "(none)", r.Value, r.CompareValue ?? 0m))
            .ToList();
    }

    private static DigestDay[] Days(DateRange week, CurrencyCostResult? result)
    {
        var byDate = result?.Rows
            .Where(r => r.Bucket is not null)
            .GroupBy(r => r.Bucket!.Value)
            .ToDictionary(g => g.Key, g => g.Sum(r => r.Value)) ?? [];
        return Enumerable.Range(0, week.Days)
            .Select(i => week.Start.AddDays(i))
            .Select(d => new DigestDay(d, byDate.GetValueOrDefault(d), byDate.GetValueOrDefault(d.AddDays(-7))))
            .ToArray();
    }
}
