using FinOps.Core.Calendar;
using FinOps.Core.Query;

namespace FinOps.Conversation.Tests.Questions;

/// <summary>An in-memory cost engine over a handful of facts: filters, group-by, time buckets, comparison and top N.</summary>
public sealed class FakeCostQueryService : ICostQueryService
{
    private readonly List<CostFact> _facts = [];

    public DataCoverage? Coverage { get; set; }

    public List<CostQuery> Queries { get; } = [];

    public FakeCostQueryService Add(DateOnly date, decimal effective, string team, string service = "Amazon Elastic Compute Cloud", string provider = "AWS", string currency = "USD", string resource = "i-1", decimal? billed = null, string category = "Compute", string account = "prod")
    {
        _facts.Add(new CostFact(date, currency, effective, billed ?? effective, effective * 1.3m, new Dictionary<Dimension, string>
        {
            [Dimension.Team] = team,
            [Dimension.Service] = service,
            [Dimension.Provider] = provider,
            [Dimension.Resource] = resource,
            [Dimension.Category] = category,
            [Dimension.Account] = account,
        }));
        return this;
    }

    public Task<CostQueryResult> QueryAsync(CostQuery query, CancellationToken cancellationToken)
    {
        query.Validate();
        Queries.Add(query);
        var parts = new List<CurrencyCostResult>();
        foreach (var currency in _facts.Select(f => f.Currency).Distinct())
        {
            var current = Select(query, query.Period, currency).ToList();
            var previous = query.ComparePeriod is null ? [] : Select(query, query.ComparePeriod, currency).ToList();
            if (current.Count == 0 && previous.Count == 0)
            {
                continue;
            }

            var keys = current.Concat(previous).Select(f => Key(query, f, query.Period)).Distinct().ToList();
            var rows = query.GroupBy.Count == 0 && query.Granularity is null
                ? []
                : keys.Select(k => new CostRow(
                        k.Values,
                        k.Bucket,
                        current.Where(f => Key(query, f, query.Period) == k).Sum(f => Amount(f, query.Metric)),
                        query.ComparePeriod is null ? null : previous.Where(f => Key(query, f, query.ComparePeriod) == k).Sum(f => Amount(f, query.Metric))))
                    .OrderByDescending(r => r.Value).ToList();
            CostRow? other = null;
            if (query.Top is { } top && rows.Count > top)
            {
                var rest = rows.Skip(top).ToList();
                other = new CostRow(["other"], null, rest.Sum(r => r.Value), query.ComparePeriod is null ? null : rest.Sum(r => r.CompareValue ?? 0));
                rows = rows.Take(top).ToList();
            }

            parts.Add(new CurrencyCostResult(
                currency,
                current.Sum(f => Amount(f, query.Metric)),
                query.ComparePeriod is null ? null : previous.Sum(f => Amount(f, query.Metric)),
                rows,
                other));
        }

        return Task.FromResult(new CostQueryResult(query, parts.OrderByDescending(p => p.Total).ToList()));
    }

    public Task<IReadOnlyList<string>> GetDimensionValuesAsync(Dimension dimension, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(_facts.Where(f => f.Dimensions.ContainsKey(dimension)).Select(f => f.Dimensions[dimension]).Distinct().Order(StringComparer.Ordinal).ToList());

    public Task<DataCoverage?> GetCoverageAsync(CancellationToken cancellationToken) => Task.FromResult(Coverage);

    private IEnumerable<CostFact> Select(CostQuery query, DateRange period, string currency) =>
        _facts.Where(f => f.Currency == currency && period.Contains(f.Date) && query.Filters.All(filter =>
            f.Dimensions.TryGetValue(filter.Key, out var value) && filter.Value.Contains(value, StringComparer.OrdinalIgnoreCase)));

    private static GroupKey Key(CostQuery query, CostFact fact, DateRange period)
    {
        var values = query.GroupBy.Select(d => fact.Dimensions.GetValueOrDefault(d) ?? "(none)").ToArray();

        // Comparison rows line up by position in the period, as the real engine aligns buckets.
        DateOnly? bucket = query.Granularity is { } g ? CostCalendar.BucketStart(query.Period.Start.AddDays(fact.Date.DayNumber - period.Start.DayNumber), g) : null;
        return new GroupKey(string.Join('\u0001', values), bucket, values);
    }

    private static decimal Amount(CostFact fact, CostMetric metric) => metric switch
    {
        CostMetric.BilledCost => fact.Billed,
        CostMetric.ListCost => fact.List,
        _ => fact.Effective,
    };

    private sealed record CostFact(DateOnly Date, string Currency, decimal Effective, decimal Billed, decimal List, Dictionary<Dimension, string> Dimensions);

    private sealed record GroupKey(string Joined, DateOnly? Bucket, string[] Values)
    {
        public bool Equals(GroupKey? other) => other is not null && other.Joined == Joined && other.Bucket == Bucket;

        public override int GetHashCode() => HashCode.Combine(Joined, Bucket);
    }
}
