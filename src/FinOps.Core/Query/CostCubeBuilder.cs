namespace FinOps.Core.Query;

/// <summary>Collects daily facts into a <see cref="CostCube"/>. Not thread-safe; one builder makes one snapshot (it hands its arrays over on <see cref="Build"/>).</summary>
public sealed class CostCubeBuilder
{
    private readonly ValueDictionary[] _values = new ValueDictionary[CostCube.ColumnSlots];
    private readonly ValueDictionary _currencies = new();
    private readonly List<IReadOnlyDictionary<string, string>> _tagSets = [];
    private readonly int[][] _columns = new int[CostCube.ColumnSlots][];
    private int[] _days;
    private int[] _currency;
    private int[] _tagSet;
    private byte[] _status;
    private readonly ValueDictionary _statuses = new();
    private readonly Dictionary<(int Column, int Code), List<string>> _aliases = [];
    private readonly MetricColumnBuilder[] _metrics = new MetricColumnBuilder[4];
    private int _count;
    private bool _sorted = true;
    private bool _built;

    public CostCubeBuilder(int capacity = 1024)
    {
        capacity = Math.Max(capacity, 16);
        foreach (var kind in CostCube.Columns)
        {
            _values[(int)kind] = new ValueDictionary();
            _columns[(int)kind] = new int[capacity];
        }

        _days = new int[capacity];
        _currency = new int[capacity];
        _tagSet = new int[capacity];
        _status = new byte[capacity];
        _statuses.Add(CostCube.None);
        for (var m = 0; m < _metrics.Length; m++)
        {
            _metrics[m] = new MetricColumnBuilder(capacity);
        }
    }

    /// <summary>The code of a dimension value; null or blank becomes <see cref="CostCube.None"/>.</summary>
    public int AddValue(DimensionKind column, string? value)
    {
        if (!CostCube.IsColumn(column))
        {
            throw new ArgumentException($"{column} is not a stored column.", nameof(column));
        }

        return _values[(int)column].Add(string.IsNullOrWhiteSpace(value) ? CostCube.None : value);
    }

    public int AddCurrency(string currency)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(currency);
        return _currencies.Add(currency);
    }

    /// <summary>Records another identifier of a stored value (e.g. the SubAccountId of an account shown by name); duplicates are ignored.</summary>
    /// <remarks>Allocation rules match a value by its display text or any alias; queries only ever show the display text.</remarks>
    public void AddAlias(DimensionKind column, int code, string alias)
    {
        if (!CostCube.IsColumn(column))
        {
            throw new ArgumentException($"{column} is not a stored column.", nameof(column));
        }

        Check(code, _values[(int)column].Count, column.ToString());
        if (string.IsNullOrWhiteSpace(alias))
        {
            return;
        }

        if (!_aliases.TryGetValue(((int)column, code), out var list))
        {
            list = [];
            _aliases[((int)column, code)] = list;
        }

        if (!list.Contains(alias, StringComparer.Ordinal))
        {
            list.Add(alias);
        }
    }

    /// <summary>The code of a FOCUS CommitmentDiscountStatus value; null or blank is 0 (<see cref="CostCube.None"/>).</summary>
    public int AddCommitmentDiscountStatus(string? status)
    {
        var code = _statuses.Add(string.IsNullOrWhiteSpace(status) ? CostCube.None : status.Trim());
        return code <= byte.MaxValue ? code : throw new InvalidOperationException("More than 255 distinct commitment discount statuses.");
    }

    /// <summary>Registers a tag set and returns its code. Keys are trimmed and matched case-insensitively.</summary>
    public int AddTagSet(IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var normalised = new Dictionary<string, string>(tags.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in tags)
        {
            var k = key.Trim();
            if (k.Length > 0)
            {
                normalised[k] = value;
            }
        }

        _tagSets.Add(normalised);
        return _tagSets.Count - 1;
    }

    public void Add(in CostCubeFact fact)
    {
        ObjectDisposedException.ThrowIf(_built, this);
        if (_count == _days.Length)
        {
            Grow();
        }

        var i = _count++;
        var day = fact.Date.DayNumber;
        if (i > 0 && day < _days[i - 1])
        {
            _sorted = false;
        }

        _days[i] = day;
        _currency[i] = Check(fact.Currency, _currencies.Count, "currency");
        _tagSet[i] = Check(fact.TagSet, _tagSets.Count, "tag set");
        _status[i] = (byte)Check(fact.CommitmentDiscountStatus, _statuses.Count, "commitment status");
        Set(DimensionKind.Provider, i, fact.Provider);
        Set(DimensionKind.Service, i, fact.Service);
        Set(DimensionKind.Category, i, fact.Category);
        Set(DimensionKind.Region, i, fact.Region);
        Set(DimensionKind.Account, i, fact.Account);
        Set(DimensionKind.BillingAccount, i, fact.BillingAccount);
        Set(DimensionKind.Resource, i, fact.Resource);
        Set(DimensionKind.ChargeCategory, i, fact.ChargeCategory);
        Set(DimensionKind.PricingCategory, i, fact.PricingCategory);
        _metrics[(int)CostMetric.EffectiveCost].Add(fact.EffectiveCost);
        _metrics[(int)CostMetric.BilledCost].Add(fact.BilledCost);
        _metrics[(int)CostMetric.ListCost].Add(fact.ListCost);
        _metrics[(int)CostMetric.ContractedCost].Add(fact.ContractedCost);
    }

    /// <summary>Builds the snapshot, ordered by date so date ranges are contiguous.</summary>
    public CostCube Build()
    {
        ObjectDisposedException.ThrowIf(_built, this);
        _built = true;
        if (_tagSets.Count == 0)
        {
            _tagSets.Add(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));
        }

        var order = _sorted ? null : DateOrder(_days, _count);

        // Each column is handed over (or permuted) and released one at a time, so a large cube never
        // needs twice its size in memory. The builder is spent afterwards.
        var columns = new int[CostCube.ColumnSlots][];
        var values = new string[CostCube.ColumnSlots][];
        int[]? intScratch = null;
        foreach (var kind in CostCube.Columns)
        {
            columns[(int)kind] = Take(ref _columns[(int)kind], order, ref intScratch);
            values[(int)kind] = _values[(int)kind].ToArray();
        }

        var metrics = new MetricColumn[4];
        long[]? longScratch = null;
        for (var m = 0; m < metrics.Length; m++)
        {
            metrics[m] = _metrics[m].Build(_count, order, ref longScratch);
        }

        var days = Take(ref _days, order, ref intScratch);
        var currency = Take(ref _currency, order, ref intScratch);
        var tagSet = Take(ref _tagSet, order, ref intScratch);
        byte[]? byteScratch = null;
        var status = Take(ref _status, order, ref byteScratch);
        var aliases = _aliases.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)[.. kv.Value]);
        return new CostCube(_count, days, currency, _currencies.ToArray(), tagSet, [.. _tagSets], columns, values, metrics, status, _statuses.ToArray(), aliases);
    }

    private T[] Take<T>(ref T[] source, int[]? order, ref T[]? scratch)
    {
        var taken = source;
        source = [];
        if (order is not null)
        {
            Permutation.Apply(taken, _count, order, ref scratch);
        }

        return taken.Length == _count ? taken : taken.AsSpan(0, _count).ToArray();
    }

    /// <summary>The fact indexes in date order, facts of one day in the order they were added.</summary>
    /// <remarks>
    /// A counting sort over the days held (a few hundred to a few thousand buckets): one pass instead of sorting
    /// 10 M keys, and stable, so the cube's order does not depend on the sort. A day range far wider than the
    /// facts (a stray date years away) falls back to a stable comparison sort.
    /// </remarks>
    private static int[] DateOrder(int[] days, int count)
    {
        var order = new int[count];
        var (min, max) = (int.MaxValue, int.MinValue);
        for (var i = 0; i < count; i++)
        {
            min = Math.Min(min, days[i]);
            max = Math.Max(max, days[i]);
        }

        var range = (long)max - min + 1;
        if (range > Math.Max(4096L, count))
        {
            for (var i = 0; i < count; i++)
            {
                order[i] = i;
            }

            Array.Sort(order, (a, b) => days[a] != days[b] ? days[a].CompareTo(days[b]) : a.CompareTo(b));
            return order;
        }

        var next = new int[range + 1];
        for (var i = 0; i < count; i++)
        {
            next[days[i] - min + 1]++;
        }

        for (var d = 1; d < next.Length; d++)
        {
            next[d] += next[d - 1];
        }

        for (var i = 0; i < count; i++)
        {
            order[next[days[i] - min]++] = i;
        }

        return order;
    }

    private void Set(DimensionKind kind, int i, int code) =>
        _columns[(int)kind][i] = Check(code, _values[(int)kind].Count, kind.ToString());

    private static int Check(int code, int count, string what) =>
        (uint)code < (uint)count ? code : throw new ArgumentOutOfRangeException(nameof(code), code, $"Unknown {what} code.");

    private void Grow()
    {
        var size = _days.Length * 2;
        Array.Resize(ref _days, size);
        Array.Resize(ref _currency, size);
        Array.Resize(ref _tagSet, size);
        Array.Resize(ref _status, size);
        foreach (var kind in CostCube.Columns)
        {
            Array.Resize(ref _columns[(int)kind], size);
        }
    }

    private sealed class ValueDictionary
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly List<string> _values = [];

        public int Count => _values.Count;

        public int Add(string value)
        {
            if (!_index.TryGetValue(value, out var code))
            {
                code = _values.Count;
                _values.Add(value);
                _index[value] = code;
            }

            return code;
        }

        public string[] ToArray() => [.. _values];
    }
}
