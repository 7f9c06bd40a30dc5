using System.Numerics;
using FinOps.Core.Calendar;

namespace FinOps.Core.Query;

/// <summary>Runs <see cref="CostQuery"/> over one <see cref="CostCube"/> snapshot, in memory.</summary>
/// <remarks>
/// <para>Filters keep facts whose value matches one of the listed values (trimmed, case-insensitive): OR within
/// a dimension, AND across dimensions. Group-by values are shown as stored; a missing stored value is
/// <see cref="CostCube.None"/>, a missing tag (absent key or blank value) is <see cref="Untagged"/>, a fact
/// without a team is <see cref="TagTeamAssignment.Unallocated"/>. Environment is the tag <c>environment</c>,
/// else <c>env</c>, trimmed and lower-cased.</para>
/// <para>With a granularity, comparison buckets are matched to the period's buckets by position (the first
/// week of the comparison against the first week of the period); comparison buckets beyond the period's
/// count still count in <see cref="CurrencyCostResult.CompareTotal"/>. Top N ranks group keys by their
/// value over the whole period and folds the rest into <see cref="CurrencyCostResult.Other"/>, so the total
/// always equals the rows plus other, exactly.</para>
/// <para>A fact split across teams contributes its parts, computed so that the parts sum to the fact exactly.</para>
/// </remarks>
public sealed partial class CostQueryEngine
{
    public const string Untagged = "(untagged)";

    public const string OtherLabel = "Other";

    /// <summary>Facts per core below which a scan is not worth splitting over the cores.</summary>
    public const int DefaultParallelScanFacts = 200_000;

    private static readonly string[] EnvironmentKeys = ["environment", "env"];

    private readonly ITeamAssignment _teamAssignment;
    private readonly TeamAllocation?[] _allocations = new TeamAllocation?[4];
    private readonly Lock _gate = new();
    private readonly int _parallelScanFacts;

    /// <param name="cube">The facts.</param>
    /// <param name="teamAssignment">Who owns each fact.</param>
    /// <param name="parallelScanFacts">Facts per core from which a period's scan is split over the cores.</param>
    public CostQueryEngine(CostCube cube, ITeamAssignment teamAssignment, int parallelScanFacts = DefaultParallelScanFacts)
    {
        ArgumentNullException.ThrowIfNull(cube);
        ArgumentNullException.ThrowIfNull(teamAssignment);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelScanFacts, 1);
        Cube = cube;
        _teamAssignment = teamAssignment;
        _parallelScanFacts = parallelScanFacts;
    }

    public CostCube Cube { get; }

    /// <summary>The team allocation used for <paramref name="metric"/>, computed once per snapshot.</summary>
    public TeamAllocation Teams(CostMetric metric)
    {
        lock (_gate)
        {
            return _allocations[(int)metric] ??= _teamAssignment.Assign(Cube, metric);
        }
    }

    /// <summary>Distinct values of a dimension present in the snapshot, sorted.</summary>
    public IReadOnlyList<string> DimensionValues(Dimension dimension)
    {
        ArgumentNullException.ThrowIfNull(dimension);
        var source = Resolve(dimension, CostMetric.EffectiveCost);
        var used = new bool[source.Labels.Length];
        if (source.Direct is not null || source.IsTeam)
        {
            var codes = source.IsTeam ? Teams(CostMetric.EffectiveCost).Owners : source.Direct!;
            for (var i = 0; i < Cube.Count; i++)
            {
                if (codes[i] >= 0)
                {
                    used[codes[i]] = true;
                }
            }

            if (source.IsTeam)
            {
                foreach (var split in Teams(CostMetric.EffectiveCost).Splits)
                {
                    foreach (var part in split)
                    {
                        used[part.Team] = true;
                    }
                }
            }
        }
        else
        {
            var tagSets = Cube.TagSetColumn;
            for (var i = 0; i < Cube.Count; i++)
            {
                used[source.ByTagSet![tagSets[i]]] = true;
            }
        }

        var values = new List<string>();
        for (var c = 0; c < used.Length; c++)
        {
            if (used[c])
            {
                values.Add(source.Labels[c]);
            }
        }

        values.Sort(StringComparer.OrdinalIgnoreCase);
        return values;
    }

    public CostQueryResult Execute(CostQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var metric = Cube.Metrics[(int)query.Metric];
        return metric.Fixed is { } fixedValues
            ? Execute<long, Int128>(query, fixedValues, metric)
            : Execute<decimal, decimal>(query, metric.Decimals!, metric);
    }

    private CostQueryResult Execute<TValue, TAcc>(CostQuery query, TValue[] values, MetricColumn metric)
        where TValue : INumberBase<TValue>
        where TAcc : INumber<TAcc>
    {
        var plan = Plan(query);
        using var accumulator = new Accumulator<TAcc>(plan.SlotCount);
        ScanPeriod(plan, values, accumulator, query.Period, plan.PeriodBuckets, compare: false);
        if (query.ComparePeriod is { } compare)
        {
            ScanPeriod(plan, values, accumulator, compare, plan.CompareBuckets!, compare: true);
        }

        return Assemble(query, plan, accumulator, a => metric.Fixed is null
            ? decimal.CreateTruncating(a)
            : metric.FromFixed(Int128.CreateTruncating(a)));
    }

    /// <summary>
    /// Adds the facts of <paramref name="range"/> to <paramref name="acc"/>. A long range (a year of a large cube) is split
    /// over the cores, each part summing into its own accumulator: fixed-point sums are exact, so the merged result
    /// is the one a single pass gives.
    /// </summary>
    private void ScanPeriod<TValue, TAcc>(QueryPlan plan, TValue[] values, Accumulator<TAcc> acc, DateRange range, int[] bucketOfDay, bool compare)
        where TValue : INumberBase<TValue>
        where TAcc : INumber<TAcc>
    {
        var lo = Cube.LowerBound(range.Start.DayNumber);
        var hi = Cube.LowerBound(range.End.DayNumber);
        var parts = (int)Math.Min(Environment.ProcessorCount, (long)(hi - lo) / _parallelScanFacts);

        // Only fixed-point sums are exact in any order; decimal sums of split shares round at 28 digits, so that rare
        // path (amounts beyond 18 decimals) keeps one pass and the answer does not depend on the cores.
        if (parts < 2 || typeof(TAcc) != typeof(Int128))
        {
            Scan(plan, values, acc, range, bucketOfDay, compare, lo, hi);
            return;
        }

        var partial = new Accumulator<TAcc>[parts];
        try
        {
            Parallel.For(0, parts, part =>
            {
                var partAcc = new Accumulator<TAcc>(plan.SlotCount);
                partial[part] = partAcc;
                var from = lo + (int)((long)(hi - lo) * part / parts);
                var to = lo + (int)((long)(hi - lo) * (part + 1) / parts);
                Scan(plan, values, partAcc, range, bucketOfDay, compare, from, to);
            });

            foreach (var part in partial)
            {
                acc.Merge(part);
            }
        }
        finally
        {
            foreach (var part in partial)
            {
                part?.Dispose();
            }
        }
    }

    private void Scan<TValue, TAcc>(QueryPlan plan, TValue[] values, Accumulator<TAcc> acc, DateRange range, int[] bucketOfDay, bool compare, int lo, int hi)
        where TValue : INumberBase<TValue>
        where TAcc : INumber<TAcc>
    {
        var cube = Cube;
        var days = cube.DayColumn;
        var currency = cube.CurrencyColumn;
        var tagSets = cube.TagSetColumn;
        var firstDay = range.Start.DayNumber;
        var tagSetOk = plan.TagSetFilter;
        var filterColumns = plan.FilterColumns;
        var filterMasks = plan.FilterMasks;
        var g0 = plan.Group0;
        var g1 = plan.Group1;
        var n0 = plan.N0;
        var n1 = plan.N1;
        var nb = plan.NBuckets;
        var teamOk = plan.TeamFilter;
        var owners = plan.Allocation?.Owners;
        var splits = plan.Allocation?.Splits;
        var teamGroup = plan.TeamGroupPosition;
        var dayOfWeekOk = plan.DayOfWeekFilter;
        var statusOk = plan.StatusFilter;
        var statuses = cube.CommitmentStatusColumn;

        for (var i = lo; i < hi; i++)
        {
            if (tagSetOk is not null && !tagSetOk[tagSets[i]])
            {
                continue;
            }

            // DayNumber 0 (0001-01-01) was a Monday, so (DayNumber + 1) % 7 is the DayOfWeek (Sunday = 0).
            if ((dayOfWeekOk is not null && !dayOfWeekOk[(days[i] + 1) % 7]) || (statusOk is not null && !statusOk[statuses[i]]))
            {
                continue;
            }

            var keep = true;
            for (var f = 0; f < filterColumns.Length; f++)
            {
                if (!filterMasks[f][filterColumns[f][i]])
                {
                    keep = false;
                    break;
                }
            }

            if (!keep)
            {
                continue;
            }

            var c0 = g0 is null ? 0 : g0.Direct is { } d0 ? d0[i] : g0.ByTagSet is { } t0 ? t0[tagSets[i]] : 0;
            var c1 = g1 is null ? 0 : g1.Direct is { } d1 ? d1[i] : g1.ByTagSet is { } t1 ? t1[tagSets[i]] : 0;
            var bucket = bucketOfDay[days[i] - firstDay];
            var amount = TAcc.CreateTruncating(values[i]);

            if (owners is null)
            {
                acc.Add((((((long)currency[i] * n0) + c0) * n1) + c1) * nb + bucket, amount, compare);
                continue;
            }

            var owner = owners[i];
            if (owner >= 0)
            {
                if (teamOk is not null && !teamOk[owner])
                {
                    continue;
                }

                if (teamGroup == 0)
                {
                    c0 = owner;
                }
                else if (teamGroup == 1)
                {
                    c1 = owner;
                }

                acc.Add((((((long)currency[i] * n0) + c0) * n1) + c1) * nb + bucket, amount, compare);
                continue;
            }

            var parts = splits![~owner];
            var total = 0L;
            foreach (var part in parts)
            {
                total += part.Weight;
            }

            var weightTotal = TAcc.CreateTruncating(total);
            var cumulative = 0L;
            var before = TAcc.Zero;
            foreach (var part in parts)
            {
                cumulative += part.Weight;
                // Cumulative rounding: each part is the difference of two rounded running shares, so the
                // parts always add up to the fact's amount exactly.
                var upTo = amount * TAcc.CreateTruncating(cumulative) / weightTotal;
                var share = upTo - before;
                before = upTo;
                if (teamOk is not null && !teamOk[part.Team])
                {
                    continue;
                }

                var p0 = teamGroup == 0 ? part.Team : c0;
                var p1 = teamGroup == 1 ? part.Team : c1;
                acc.Add((((((long)currency[i] * n0) + p0) * n1) + p1) * nb + bucket, share, compare);
            }
        }
    }
}
