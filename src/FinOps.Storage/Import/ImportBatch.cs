using System.Collections.Frozen;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using FinOps.Core.Focus;
using FinOps.Storage.Data;
using Microsoft.Data.Sqlite;

namespace FinOps.Storage.Import;

/// <summary>
/// Writes one file's facts inside the caller's transaction with prepared raw commands: EF change tracking
/// is far too slow for millions of rows. Rows are summed into daily facts in memory; the buffer is flushed
/// when it holds <see cref="FlushThreshold"/> keys so memory stays bounded whatever the file's size. A flush
/// writes one <see cref="CostFactSegmentEntity"/> per billing slice (<see cref="FactSegmentCodec"/>).
/// </summary>
internal sealed class ImportBatch : IDisposable
{
    internal const int FlushThreshold = 50_000;
    private const int ValueFields = 16;
    private const int InstanceCacheSize = 65_536;

    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly long _importId;
    private readonly IReadOnlySet<int> _replacedEarlierInRun;
    private readonly RunOverlap? _overlap;
    private readonly IReadOnlyDictionary<SliceKey, string>? _contested;
    private readonly Dictionary<string, int> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _valuesByInstance = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, int> _tagSetsByJson = new(StringComparer.Ordinal);
    private readonly Dictionary<IReadOnlyDictionary<string, string>, int> _tagSets = new(TagSetComparer.Instance);
    private readonly Dictionary<FrozenDictionary<string, string>, int> _tagSetsByInstance = new(ReferenceEqualityComparer.Instance);
    private FrozenDictionary<string, string>? _lastTags;
    private int _lastTagSet;
    private readonly Dictionary<(int Provider, int Account, int Period), int> _existingSlices = [];
    private readonly Dictionary<(int Provider, int Account, int Period), int> _fileSlices = [];
    private readonly Dictionary<FactKey, int> _buffer = new(FlushThreshold);
    private readonly FactSums[] _sums = new FactSums[FlushThreshold];
    private readonly string?[] _lastValue = new string?[ValueFields];
    private readonly int[] _lastId = new int[ValueFields];
    private readonly SqliteCommand _insertValue;
    private readonly SqliteCommand _insertTagSet;
    private readonly FactSegmentWriter _segments;
    private readonly FactKey[] _keys = new FactKey[FlushThreshold];
    private readonly Dictionary<int, List<int>> _factsBySlice = [];
    private readonly Stack<List<int>> _freeLists = [];
    private int _lastSlice = -1;
    private List<int>? _lastSliceFacts;
    private readonly FactSegment _segment = new(FactSegmentWriter.MaxFacts);
    private readonly Dictionary<int, int>? _lastDays;

    public ImportBatch(SqliteConnection connection, SqliteTransaction transaction, long importId, IReadOnlySet<int> replacedEarlierInRun, RunOverlap? overlap = null,
        IReadOnlyDictionary<SliceKey, string>? contested = null, Dictionary<int, int>? lastDays = null)
    {
        _lastDays = lastDays;
        _connection = connection;
        _transaction = transaction;
        _importId = importId;
        _replacedEarlierInRun = replacedEarlierInRun;
        _overlap = overlap;
        _contested = contested;

        using (var read = Command("SELECT Id, Value FROM DimensionValues"))
        using (var reader = read.ExecuteReader())
        {
            while (reader.Read())
            {
                _values[reader.GetString(1)] = reader.GetInt32(0);
            }
        }

        using (var read = Command("SELECT Id, Json FROM TagSets"))
        using (var reader = read.ExecuteReader())
        {
            while (reader.Read())
            {
                _tagSetsByJson[reader.GetString(1)] = reader.GetInt32(0);
            }
        }

        using (var read = Command("SELECT Id, ProviderRef, BillingAccountIdRef, BillingPeriodStart FROM BillingSlices"))
        using (var reader = read.ExecuteReader())
        {
            while (reader.Read())
            {
                var period = DateOnly.ParseExact(reader.GetString(3), "yyyy-MM-dd", CultureInfo.InvariantCulture).DayNumber;
                _existingSlices[(reader.GetInt32(1), reader.GetInt32(2), period)] = reader.GetInt32(0);
            }
        }

        _insertValue = Command("INSERT INTO DimensionValues (Value) VALUES ($v) RETURNING Id");
        _insertValue.Parameters.Add("$v", SqliteType.Text);
        _insertValue.Prepare();

        // Exports with a tag set per resource insert thousands: prepared once, like the values.
        _insertTagSet = Command("INSERT INTO TagSets (Json) VALUES ($j) RETURNING Id");
        _insertTagSet.Parameters.Add("$j", SqliteType.Text);
        _insertTagSet.Prepare();

        _segments = new FactSegmentWriter(connection);
    }

    public long FactsWritten { get; private set; }

    public SortedSet<DateOnly> Periods { get; } = [];

    public SortedSet<string> Currencies { get; } = new(StringComparer.Ordinal);

    /// <summary>Slices this file replaced (deleted the facts of earlier runs), to be remembered by the run.</summary>
    public HashSet<int> Replaced { get; } = [];

    public int SliceCount => _fileSlices.Count;

    /// <summary>What the user should know about slices this file replaced (what earlier runs had built them from).</summary>
    public List<string> Notices { get; } = [];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(FocusRecord record)
    {
        var slice = Slice(record);
        var date = record.ChargeDate;
        var key = new FactKey(
            slice,
            (date.Year * 10000) + (date.Month * 100) + date.Day,
            Value(0, record.BillingAccountName),
            Value(1, record.SubAccountId),
            Value(2, record.SubAccountName),
            Value(3, record.ServiceName),
            Value(4, record.ServiceCategory),
            Value(5, record.RegionId ?? record.RegionName),
            Value(6, record.ResourceId),
            Value(7, record.ResourceName),
            Value(8, record.ResourceType),
            Value(9, record.ChargeCategory),
            Value(10, record.PricingCategory),
            Value(11, record.CommitmentDiscountId),
            TagSet(record.Tags),
            Value(12, record.BillingCurrency),
            Value(15, record.CommitmentDiscountStatus));
        Currencies.Add(record.BillingCurrency);
        _overlap?.Observe(slice, RowHash(key, record), record.SourceLine);

        if (_buffer.Count >= FlushThreshold && !_buffer.ContainsKey(key))
        {
            Flush();
        }

        ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_buffer, key, out var exists);
        if (!exists)
        {
            index = _buffer.Count - 1;
            _sums[index] = default;
            _keys[index] = key;
            FactsOf(slice).Add(index);
            if (_lastDays is not null)
            {
                // A later day always starts a new fact key, so the latest charge day per slice is seen here.
                ref var last = ref CollectionsMarshal.GetValueRefOrAddDefault(_lastDays, slice, out _);
                last = Math.Max(last, key.ChargeDate);
            }
        }

        ref var sums = ref _sums[index];
        sums.BilledCost += record.BilledCost;
        sums.EffectiveCost += record.EffectiveCost;
        sums.ListCost += record.ListCost;
        sums.ContractedCost += record.ContractedCost;
        sums.Rows++;
    }

    /// <summary>The identity of a source row for <see cref="RunOverlap"/>: its fact key, charge period and amounts.</summary>
    private static int RowHash(in FactKey key, FocusRecord record)
    {
        var hash = default(HashCode);
        hash.AddBytes(MemoryMarshal.AsBytes(new ReadOnlySpan<FactKey>(in key)));
        hash.Add(record.ChargePeriodStart.Ticks);
        hash.Add(record.ChargePeriodEnd.Ticks);
        hash.Add(record.BilledCost);
        hash.Add(record.EffectiveCost);
        hash.Add(record.ListCost);
        hash.Add(record.ContractedCost);
        return hash.ToHashCode();
    }

    /// <summary>Writes the buffered facts, one segment per billing slice, and empties the buffer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Flush()
    {
        foreach (var (slice, facts) in _factsBySlice)
        {
            var all = CollectionsMarshal.AsSpan(facts);
            for (var start = 0; start < all.Length; start += FactSegmentWriter.MaxFacts)
            {
                WriteSegment(slice, all.Slice(start, Math.Min(FactSegmentWriter.MaxFacts, all.Length - start)));
            }

            facts.Clear();
            _freeLists.Push(facts);
        }

        // Lists go back to a pool rather than stay with their slice: a long file touches many slices over time, and
        // lists kept per slice would hold their largest capacity each, growing memory with the file.
        _factsBySlice.Clear();
        (_lastSlice, _lastSliceFacts) = (-1, null);
        FactsWritten += _buffer.Count;
        _buffer.Clear();
    }

    public void Dispose()
    {
        _insertValue.Dispose();
        _insertTagSet.Dispose();
        _segments.Dispose();
    }

    private List<int> FactsOf(int slice)
    {
        if (slice == _lastSlice)
        {
            return _lastSliceFacts!;
        }

        if (!_factsBySlice.TryGetValue(slice, out var facts))
        {
            facts = _freeLists.TryPop(out var free) ? free : [];
            _factsBySlice[slice] = facts;
        }

        (_lastSlice, _lastSliceFacts) = (slice, facts);
        return facts;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteSegment(int slice, ReadOnlySpan<int> facts)
    {
        var segment = _segment;
        segment.Reset(facts.Length);
        for (var i = 0; i < facts.Length; i++)
        {
            ref readonly var k = ref _keys[facts[i]];
            ref readonly var s = ref _sums[facts[i]];
            segment[FactIdColumn.ChargeDate][i] = k.ChargeDate;
            segment[FactIdColumn.BillingAccountName][i] = k.BillingAccountName;
            segment[FactIdColumn.SubAccountId][i] = k.SubAccountId;
            segment[FactIdColumn.SubAccountName][i] = k.SubAccountName;
            segment[FactIdColumn.Service][i] = k.Service;
            segment[FactIdColumn.ServiceCategory][i] = k.ServiceCategory;
            segment[FactIdColumn.Region][i] = k.Region;
            segment[FactIdColumn.ResourceId][i] = k.ResourceId;
            segment[FactIdColumn.ResourceName][i] = k.ResourceName;
            segment[FactIdColumn.ResourceType][i] = k.ResourceType;
            segment[FactIdColumn.ChargeCategory][i] = k.ChargeCategory;
            segment[FactIdColumn.PricingCategory][i] = k.PricingCategory;
            segment[FactIdColumn.CommitmentDiscountId][i] = k.CommitmentDiscountId;
            segment[FactIdColumn.TagSet][i] = k.TagSet;
            segment[FactIdColumn.Currency][i] = k.Currency;
            segment[FactIdColumn.CommitmentDiscountStatus][i] = k.CommitmentDiscountStatus;
            segment[FactAmountColumn.BilledCost][i] = s.BilledCost;
            segment[FactAmountColumn.EffectiveCost][i] = s.EffectiveCost;
            segment[FactAmountColumn.ListCost][i] = s.ListCost;
            segment[FactAmountColumn.ContractedCost][i] = s.ContractedCost;
            segment.Rows[i] = s.Rows;
        }

        segment.Count = facts.Length;
        _segments.Write(slice, segment);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Slice(FocusRecord record)
    {
        var provider = Value(13, record.Provider);
        var account = Value(14, record.BillingAccountId ?? string.Empty);
        var periodStart = DateOnly.FromDateTime(record.BillingPeriodStart);
        var key = (provider, account, periodStart.DayNumber);
        if (_fileSlices.TryGetValue(key, out var sliceId))
        {
            return sliceId;
        }

        if (_contested is { Count: > 0 } && _contested.TryGetValue(new SliceKey(record.Provider, record.BillingAccountId ?? string.Empty, periodStart), out var contested))
        {
            throw new ContestedSliceException(contested);
        }

        if (_existingSlices.TryGetValue(key, out sliceId))
        {
            if (!_replacedEarlierInRun.Contains(sliceId))
            {
                // First file of this run to touch the slice: the facts of earlier runs go.
                NoticeReplaced(sliceId, record, periodStart);
                Execute("DELETE FROM CostFactSegments WHERE SliceId = $s", sliceId);
                Execute("DELETE FROM ImportSlices WHERE SliceId = $s", sliceId);
                Replaced.Add(sliceId);
            }
        }
        else
        {
            using var insert = Command("INSERT INTO BillingSlices (ProviderRef, BillingAccountIdRef, BillingPeriodStart) VALUES ($p, $a, $d) RETURNING Id");
            insert.Parameters.AddWithValue("$p", provider);
            insert.Parameters.AddWithValue("$a", account);
            insert.Parameters.AddWithValue("$d", periodStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            sliceId = Convert.ToInt32(insert.ExecuteScalar(), CultureInfo.InvariantCulture);
            _existingSlices[key] = sliceId;
            Replaced.Add(sliceId);
        }

        using (var link = Command("INSERT INTO ImportSlices (ImportId, SliceId) VALUES ($i, $s)"))
        {
            link.Parameters.AddWithValue("$i", _importId);
            link.Parameters.AddWithValue("$s", sliceId);
            link.ExecuteNonQuery();
        }

        _fileSlices[key] = sliceId;
        Periods.Add(periodStart);
        return sliceId;
    }

    /// <summary>Says which earlier imports built the slice this file replaces: a lost first half of an export would otherwise go unnoticed.</summary>
    private void NoticeReplaced(int sliceId, FocusRecord record, DateOnly periodStart)
    {
        var files = new List<string>();
        using (var owners = Command("SELECT i.FilePath FROM ImportSlices s JOIN Imports i ON i.Id = s.ImportId WHERE s.SliceId = $s ORDER BY i.Id"))
        {
            owners.Parameters.AddWithValue("$s", sliceId);
            using var reader = owners.ExecuteReader();
            while (reader.Read())
            {
                files.Add(reader.GetString(0));
            }
        }

        if (files.Count == 0)
        {
            return;
        }

        var slice = string.Create(
            CultureInfo.InvariantCulture,
            $"{record.Provider} billing account {(string.IsNullOrEmpty(record.BillingAccountId) ? "(none)" : record.BillingAccountId)}, billing period {periodStart:yyyy-MM}");
        var from = files.Count == 1
            ? files[0]
            : string.Create(CultureInfo.InvariantCulture, $"{files.Count} files ({string.Join(", ", files)})");
        Notices.Add(
            $"{slice}: replaces what an earlier run imported from {from}. If this file is another part of the same export " +
            "rather than a newer version of it, import all its parts together in one run: the earlier data of this period is no longer counted.");
    }

    /// <summary>The dictionary id of a value; <paramref name="field"/> keys a one-entry cache that hits whenever the reader reuses string instances.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Value(int field, string? value)
    {
        if (value is null)
        {
            return 0;
        }

        if (ReferenceEquals(value, _lastValue[field]))
        {
            return _lastId[field];
        }

        // Readers pool their strings, so most values arrive as instances seen before: find those by reference
        // (no hashing of the text), the rest by content. Strings are immutable, so an instance keeps its id.
        if (!_valuesByInstance.TryGetValue(value, out var id))
        {
            if (!_values.TryGetValue(value, out id))
            {
                id = Insert(value);
            }

            if (_valuesByInstance.Count >= InstanceCacheSize)
            {
                _valuesByInstance.Clear();
            }

            _valuesByInstance[value] = id;
        }

        _lastValue[field] = value;
        _lastId[field] = id;
        return id;
    }

    private int Insert(string value)
    {
        _insertValue.Parameters[0].Value = value;
        var id = Convert.ToInt32(_insertValue.ExecuteScalar(), CultureInfo.InvariantCulture);
        _values[value] = id;
        return id;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int TagSet(IReadOnlyDictionary<string, string> tags)
    {
        // Readers hand out one frozen (immutable) dictionary per distinct tag JSON: most rows are found by reference.
        var frozen = tags as FrozenDictionary<string, string>;
        if (frozen is not null && ReferenceEquals(frozen, _lastTags))
        {
            return _lastTagSet;
        }

        if (frozen is not null && _tagSetsByInstance.TryGetValue(frozen, out var id))
        {
            (_lastTags, _lastTagSet) = (frozen, id);
            return id;
        }

        id = TagSetByContent(tags);
        if (frozen is not null)
        {
            if (_tagSetsByInstance.Count >= InstanceCacheSize)
            {
                _tagSetsByInstance.Clear();
            }

            _tagSetsByInstance[frozen] = id;
            (_lastTags, _lastTagSet) = (frozen, id);
        }

        return id;
    }

    private int TagSetByContent(IReadOnlyDictionary<string, string> tags)
    {
        if (_tagSets.TryGetValue(tags, out var id))
        {
            return id;
        }

        var json = CanonicalJson(tags);
        if (!_tagSetsByJson.TryGetValue(json, out id))
        {
            _insertTagSet.Parameters[0].Value = json;
            id = Convert.ToInt32(_insertTagSet.ExecuteScalar(), CultureInfo.InvariantCulture);
            _tagSetsByJson[json] = id;
        }

        // Keep a private copy: the reader may reuse its dictionary for the next row.
        _tagSets[new Dictionary<string, string>(tags, StringComparer.Ordinal)] = id;
        return id;
    }

    internal static string CanonicalJson(IReadOnlyDictionary<string, string> tags)
    {
        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in tags)
        {
            sorted[key.Trim()] = value;
        }

        return JsonSerializer.Serialize(sorted);
    }

    private void Execute(string sql, int slice)
    {
        using var command = Command(sql);
        command.Parameters.AddWithValue("$s", slice);
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        return command;
    }
}
