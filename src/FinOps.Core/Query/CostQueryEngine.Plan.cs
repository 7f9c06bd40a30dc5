using System.Buffers;
using System.Numerics;
using FinOps.Core.Calendar;

namespace FinOps.Core.Query;

public sealed partial class CostQueryEngine
{
    private const long DenseSlotLimit = 1 << 18;

    private QueryPlan Plan(CostQuery query)
    {
        var plan = new QueryPlan();
        var needsTeams = query.GroupBy.Any(d => d.Kind == DimensionKind.Team) || query.Filters.Keys.Any(d => d.Kind == DimensionKind.Team)
            || query.Exclusions.Keys.Any(d => d.Kind == DimensionKind.Team);
        if (needsTeams)
        {
            plan.Allocation = Teams(query.Metric);
        }

        var filterColumns = new List<int[]>();
        var filterMasks = new List<bool[]>();
        foreach (var (dimension, accepted, excluded) in query.Filters.Select(f => (f.Key, f.Value, false)).Concat(query.Exclusions.Select(f => (f.Key, f.Value, true))))
        {
            var source = Resolve(dimension, query.Metric);
            var wanted = new HashSet<string>(accepted.Select(v => v.Trim()), StringComparer.OrdinalIgnoreCase);
            var mask = new bool[source.Labels.Length];
            for (var c = 0; c < mask.Length; c++)
            {
                mask[c] = wanted.Contains(source.Labels[c].Trim()) != excluded;
            }

            if (source.IsTeam)
            {
                plan.TeamFilter = And(plan.TeamFilter, mask);
            }
            else if (source.Direct is not null)
            {
                filterColumns.Add(source.Direct);
                filterMasks.Add(mask);
            }
            else
            {
                var perTagSet = new bool[Cube.TagSetCount];
                for (var t = 0; t < perTagSet.Length; t++)
                {
                    perTagSet[t] = mask[source.ByTagSet![t]];
                }

                plan.TagSetFilter = And(plan.TagSetFilter, perTagSet);
            }
        }

        PlanDaysAndStatus(query, plan);
        plan.FilterColumns = [.. filterColumns];
        plan.FilterMasks = [.. filterMasks];

        if (query.GroupBy.Count > 0)
        {
            plan.Group0 = Resolve(query.GroupBy[0], query.Metric);
            plan.N0 = plan.Group0.Labels.Length;
        }

        if (query.GroupBy.Count > 1)
        {
            plan.Group1 = Resolve(query.GroupBy[1], query.Metric);
            plan.N1 = plan.Group1.Labels.Length;
        }

        plan.TeamGroupPosition = plan.Group0?.IsTeam == true ? 0 : plan.Group1?.IsTeam == true ? 1 : -1;

        if (query.Granularity is { } granularity)
        {
            plan.BucketDates = [.. CostCalendar.Buckets(query.Period, granularity)];
            plan.PeriodBuckets = BucketIndexes(query.Period, granularity);
            plan.NBuckets = plan.BucketDates.Length;
            if (query.ComparePeriod is { } compare)
            {
                // Comparison buckets align with the period's by position; extra ones land in one hidden bucket.
                var compareBuckets = BucketIndexes(compare, granularity);
                for (var i = 0; i < compareBuckets.Length; i++)
                {
                    compareBuckets[i] = Math.Min(compareBuckets[i], plan.NBuckets);
                }

                plan.CompareBuckets = compareBuckets;
                plan.NBuckets++;
            }
        }
        else
        {
            plan.BucketDates = [];
            plan.PeriodBuckets = new int[query.Period.Days];
            plan.NBuckets = 1;
            if (query.ComparePeriod is { } compare)
            {
                plan.CompareBuckets = new int[compare.Days];
            }
        }

        plan.SlotCount = (long)Math.Max(Cube.CurrencyValues.Length, 1) * plan.N0 * plan.N1 * plan.NBuckets;
        return plan;
    }

    private static int[] BucketIndexes(DateRange range, Granularity granularity)
    {
        var map = new int[range.Days];
        var index = 0;
        var bucket = CostCalendar.BucketStart(range.Start, granularity);
        var next = CostCalendar.NextBucket(bucket, granularity);
        for (var d = 0; d < map.Length; d++)
        {
            var date = range.Start.AddDays(d);
            while (date >= next)
            {
                index++;
                next = CostCalendar.NextBucket(next, granularity);
            }

            map[d] = index;
        }

        return map;
    }

    private static bool[] And(bool[]? existing, bool[] mask)
    {
        if (existing is null)
        {
            return mask;
        }

        for (var i = 0; i < existing.Length; i++)
        {
            existing[i] &= mask[i];
        }

        return existing;
    }

    private Source Resolve(Dimension dimension, CostMetric metric)
    {
        switch (dimension.Kind)
        {
            case DimensionKind.Team:
                return new Source { IsTeam = true, Labels = [.. Teams(metric).Teams] };
            case DimensionKind.Environment:
                return FromTags(tags => FirstTag(tags, EnvironmentKeys)?.ToLowerInvariant());
            case DimensionKind.Tag:
                var key = dimension.TagKey!;
                return FromTags(tags => FirstTag(tags, [key]));
            default:
                return new Source { Direct = Cube.ColumnCodes[(int)dimension.Kind], Labels = Cube.ValueArray(dimension.Kind) };
        }
    }

    private static string? FirstTag(IReadOnlyDictionary<string, string> tags, string[] keys)
    {
        foreach (var key in keys)
        {
            if (tags.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }
        }

        return null;
    }

    private Source FromTags(Func<IReadOnlyDictionary<string, string>, string?> value)
    {
        var labels = new List<string> { Untagged };
        var index = new Dictionary<string, int>(StringComparer.Ordinal) { [Untagged] = 0 };
        var byTagSet = new int[Cube.TagSetCount];
        for (var t = 0; t < byTagSet.Length; t++)
        {
            var v = value(Cube.Tags(t));
            if (v is null)
            {
                continue;
            }

            if (!index.TryGetValue(v, out var code))
            {
                code = labels.Count;
                labels.Add(v);
                index[v] = code;
            }

            byTagSet[t] = code;
        }

        return new Source { ByTagSet = byTagSet, Labels = [.. labels] };
    }

    private CostQueryResult Assemble<TAcc>(CostQuery query, QueryPlan plan, Accumulator<TAcc> acc, Func<TAcc, decimal> toDecimal)
        where TAcc : INumber<TAcc>
    {
        var hasCompare = query.ComparePeriod is not null;
        var visibleBuckets = query.Granularity is null ? 1 : plan.BucketDates.Length;
        var byCurrency = new Dictionary<int, List<Entry>>();
        foreach (var (slot, primary, compare, flags) in acc.Touched())
        {
            var rest = slot;
            var bucket = (int)(rest % plan.NBuckets);
            rest /= plan.NBuckets;
            var c1 = (int)(rest % plan.N1);
            rest /= plan.N1;
            var c0 = (int)(rest % plan.N0);
            var cur = (int)(rest / plan.N0);
            if (!byCurrency.TryGetValue(cur, out var list))
            {
                list = [];
                byCurrency[cur] = list;
            }

            list.Add(new Entry(c0, c1, bucket, toDecimal(primary), toDecimal(compare), bucket < visibleBuckets));
        }

        var results = new List<CurrencyCostResult>(byCurrency.Count);
        foreach (var (cur, entries) in byCurrency)
        {
            results.Add(BuildCurrency(query, plan, Cube.CurrencyValues[cur], entries, hasCompare));
        }

        results.Sort((a, b) =>
        {
            var byTotal = b.Total.CompareTo(a.Total);
            return byTotal != 0 ? byTotal : string.CompareOrdinal(a.Currency, b.Currency);
        });
        return new CostQueryResult(query, results);
    }

    /// <summary>
    /// The <paramref name="top"/> keys by value, ties broken by label: sorted by value alone, with labels built only
    /// for the keys tied at the cut (a top 5 of thousands of resources needs a handful of labels, not thousands).
    /// </summary>
    private static HashSet<(int, int)> TopKeys(QueryPlan plan, Dictionary<(int, int), decimal> keyTotals, int top)
    {
        var cut = CutValue(keyTotals.Values, top);
        var kept = new HashSet<(int, int)>(top);
        var tied = new List<(int, int)>();
        foreach (var (key, value) in keyTotals)
        {
            if (value > cut)
            {
                kept.Add(key);
            }
            else if (value == cut)
            {
                tied.Add(key);
            }
        }

        foreach (var key in tied.OrderBy(k => Label(plan, k.Item1, k.Item2), StringComparer.Ordinal).Take(top - kept.Count))
        {
            kept.Add(key);
        }

        return kept;
    }

    /// <summary>The <paramref name="top"/>-th largest of <paramref name="values"/> (there are more than that many).</summary>
    private static decimal CutValue(IReadOnlyCollection<decimal> values, int top)
    {
        if (top > 64)
        {
            var all = values.ToArray();
            Array.Sort(all);
            return all[^top];
        }

        // One pass keeping the largest values seen in a small descending array: O(n) for the usual top 5 or 10.
        var best = new decimal[top];
        var count = 0;
        foreach (var value in values)
        {
            if (count == top && value <= best[top - 1])
            {
                continue;
            }

            var at = count < top ? count++ : top - 1;
            while (at > 0 && best[at - 1] < value)
            {
                best[at] = best[at - 1];
                at--;
            }

            best[at] = value;
        }

        return best[top - 1];
    }

    private static CurrencyCostResult BuildCurrency(CostQuery query, QueryPlan plan, string currency, List<Entry> entries, bool hasCompare)
    {
        decimal total = 0, compareTotal = 0;
        var keyTotals = new Dictionary<(int, int), decimal>();
        foreach (var e in entries)
        {
            total += e.Value;
            compareTotal += e.Compare;
            if (e.Visible)
            {
                keyTotals[(e.C0, e.C1)] = keyTotals.GetValueOrDefault((e.C0, e.C1)) + e.Value;
            }
        }

        HashSet<(int, int)>? kept = null;
        if (query.Top is { } top && keyTotals.Count > top)
        {
            kept = TopKeys(plan, keyTotals, top);
        }

        var rows = new List<CostRow>();
        decimal otherValue = 0, otherCompare = 0;
        var hasOther = false;
        foreach (var e in entries)
        {
            if (!e.Visible)
            {
                continue;
            }

            if (kept is not null && !kept.Contains((e.C0, e.C1)))
            {
                hasOther = true;
                otherValue += e.Value;
                otherCompare += e.Compare;
                continue;
            }

            rows.Add(new CostRow(
                Key(plan, e.C0, e.C1),
                query.Granularity is null ? null : plan.BucketDates[e.Bucket],
                e.Value,
                hasCompare ? e.Compare : null));
        }

        rows.Sort((a, b) =>
        {
            if (a.Bucket != b.Bucket)
            {
                return Nullable.Compare(a.Bucket, b.Bucket);
            }

            var byValue = b.Value.CompareTo(a.Value);
            return byValue != 0 ? byValue : string.CompareOrdinal(string.Join('\u001f', a.Key), string.Join('\u001f', b.Key));
        });

        var other = hasOther
            ? new CostRow(Enumerable.Repeat(OtherLabel, query.GroupBy.Count).ToArray(), null, otherValue, hasCompare ? otherCompare : null)
            : null;
        return new CurrencyCostResult(currency, total, hasCompare ? compareTotal : null, rows, other);
    }

    private static string[] Key(QueryPlan plan, int c0, int c1) => plan.Group0 is null
        ? []
        : plan.Group1 is null ? [plan.Group0.Labels[c0]] : [plan.Group0.Labels[c0], plan.Group1.Labels[c1]];

    private static string Label(QueryPlan plan, int c0, int c1) => string.Join('\u001f', Key(plan, c0, c1));

    private readonly record struct Entry(int C0, int C1, int Bucket, decimal Value, decimal Compare, bool Visible);

    private sealed class Source
    {
        public int[]? Direct { get; init; }

        public int[]? ByTagSet { get; init; }

        public bool IsTeam { get; init; }

        public required string[] Labels { get; init; }
    }

    private sealed class QueryPlan
    {
        public TeamAllocation? Allocation { get; set; }

        public bool[]? TagSetFilter { get; set; }

        public bool[]? TeamFilter { get; set; }

        /// <summary>Per day of the week (Sunday = 0): whether it counts; null when every day does.</summary>
        public bool[]? DayOfWeekFilter { get; set; }

        /// <summary>Per commitment status code: whether it counts; null when every status does.</summary>
        public bool[]? StatusFilter { get; set; }

        public int[][] FilterColumns { get; set; } = [];

        public bool[][] FilterMasks { get; set; } = [];

        public Source? Group0 { get; set; }

        public Source? Group1 { get; set; }

        public int N0 { get; set; } = 1;

        public int N1 { get; set; } = 1;

        public int TeamGroupPosition { get; set; } = -1;

        public DateOnly[] BucketDates { get; set; } = [];

        public int[] PeriodBuckets { get; set; } = [];

        public int[]? CompareBuckets { get; set; }

        public int NBuckets { get; set; } = 1;

        public long SlotCount { get; set; }
    }

    /// <summary>Sums per slot: dense arrays over every possible slot when they are few enough, else a slot index.</summary>
    /// <remarks>
    /// Dense arrays come from the shared pool and go back on <see cref="Dispose"/>: grouping by resource can mean a
    /// megabyte of slots, and allocating that on every query would be a large-object allocation each time (and the
    /// full collections that follow show up as slow queries).
    /// </remarks>
    private sealed class Accumulator<TAcc> : IDisposable
        where TAcc : INumber<TAcc>
    {
        private readonly bool _dense;
        private readonly int _denseCount;
        private readonly Dictionary<long, int>? _index;
        private TAcc[] _primary;
        private TAcc[] _compare;
        private byte[] _flags;
        private long[] _slots;

        public Accumulator(long slotCount)
        {
            _dense = slotCount <= DenseSlotLimit;
            if (_dense)
            {
                _denseCount = (int)slotCount;
                _primary = Rent<TAcc>(_denseCount);
                _compare = Rent<TAcc>(_denseCount);
                _flags = Rent<byte>(_denseCount);
                _slots = [];
            }
            else
            {
                _index = [];
                _primary = new TAcc[1024];
                _compare = new TAcc[1024];
                _flags = new byte[1024];
                _slots = new long[1024];
            }
        }

        public void Dispose()
        {
            if (_dense)
            {
                ArrayPool<TAcc>.Shared.Return(_primary);
                ArrayPool<TAcc>.Shared.Return(_compare);
                ArrayPool<byte>.Shared.Return(_flags);
                _primary = _compare = [];
                _flags = [];
            }
        }

        public void Add(long slot, TAcc amount, bool compare)
        {
            int at;
            if (_dense)
            {
                at = (int)slot;
            }
            else if (!_index!.TryGetValue(slot, out at))
            {
                at = _index.Count;
                if (at == _slots.Length)
                {
                    var size = at * 2;
                    Array.Resize(ref _primary, size);
                    Array.Resize(ref _compare, size);
                    Array.Resize(ref _flags, size);
                    Array.Resize(ref _slots, size);
                }

                _slots[at] = slot;
                _index[slot] = at;
            }

            if (compare)
            {
                _compare[at] += amount;
                _flags[at] |= 2;
            }
            else
            {
                _primary[at] += amount;
                _flags[at] |= 1;
            }
        }

        private static T[] Rent<T>(int count)
        {
            var array = ArrayPool<T>.Shared.Rent(Math.Max(1, count));
            Array.Clear(array, 0, count);
            return array;
        }

        /// <summary>Adds what another accumulator of the same plan summed (a part of a split scan).</summary>
        public void Merge(Accumulator<TAcc> other)
        {
            foreach (var (slot, primary, compare, flags) in other.Touched())
            {
                if ((flags & 1) != 0)
                {
                    Add(slot, primary, compare: false);
                }

                if ((flags & 2) != 0)
                {
                    Add(slot, compare, compare: true);
                }
            }
        }

        public IEnumerable<(long Slot, TAcc Primary, TAcc Compare, byte Flags)> Touched()
        {
            var count = _dense ? _denseCount : _index!.Count;
            for (var i = 0; i < count; i++)
            {
                if (_flags[i] != 0)
                {
                    yield return (_dense ? i : _slots[i], _primary[i], _compare[i], _flags[i]);
                }
            }
        }
    }
}
