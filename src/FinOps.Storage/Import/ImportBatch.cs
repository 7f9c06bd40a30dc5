using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using FinOps.Core.Focus;
using FinOps.Storage.Data;
using Microsoft.Data.Sqlite;

namespace FinOps.Storage.Import;

/// <summary>
/// Writes one file's facts inside the caller's transaction with prepared raw commands: EF change tracking
/// is far too slow for millions of rows. Rows are summed into daily facts in memory; the buffer is flushed
/// when it holds <see cref="FlushThreshold"/> keys so memory stays bounded whatever the file's size.
/// </summary>
internal sealed class ImportBatch : IDisposable
{
    internal const int FlushThreshold = 200_000;
    private const int ValueFields = 16;
    private const int InstanceCacheSize = 65_536;

    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly long _importId;
    private readonly IReadOnlySet<int> _replacedEarlierInRun;
    private readonly Dictionary<string, int> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _valuesByInstance = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, int> _tagSetsByJson = new(StringComparer.Ordinal);
    private readonly Dictionary<IReadOnlyDictionary<string, string>, int> _tagSets = new(TagSetComparer.Instance);
    private readonly Dictionary<(int Provider, int Account, int Period), int> _existingSlices = [];
    private readonly Dictionary<(int Provider, int Account, int Period), int> _fileSlices = [];
    private readonly Dictionary<FactKey, int> _buffer = new(FlushThreshold);
    private readonly FactSums[] _sums = new FactSums[FlushThreshold];
    private readonly string?[] _lastValue = new string?[ValueFields];
    private readonly int[] _lastId = new int[ValueFields];
    private readonly SqliteCommand _insertValue;
    private readonly RawStatement _insertFact;

    public ImportBatch(SqliteConnection connection, SqliteTransaction transaction, long importId, IReadOnlySet<int> replacedEarlierInRun)
    {
        _connection = connection;
        _transaction = transaction;
        _importId = importId;
        _replacedEarlierInRun = replacedEarlierInRun;

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

        _insertFact = new RawStatement(
            connection,
            "INSERT INTO CostFacts (SliceId, ChargeDate, BillingAccountNameRef, SubAccountIdRef, SubAccountNameRef, ServiceRef, " +
            "ServiceCategoryRef, RegionRef, ResourceIdRef, ResourceNameRef, ResourceTypeRef, ChargeCategoryRef, PricingCategoryRef, " +
            "CommitmentDiscountIdRef, TagSetId, CurrencyRef, BilledCost, EffectiveCost, ListCost, ContractedCost, RowCount, CommitmentDiscountStatusRef) VALUES " +
            "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)");
    }

    public long FactsWritten { get; private set; }

    public SortedSet<DateOnly> Periods { get; } = [];

    public SortedSet<string> Currencies { get; } = new(StringComparer.Ordinal);

    /// <summary>Slices this file replaced (deleted the facts of earlier runs), to be remembered by the run.</summary>
    public HashSet<int> Replaced { get; } = [];

    public int SliceCount => _fileSlices.Count;

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

        if (_buffer.Count >= FlushThreshold && !_buffer.ContainsKey(key))
        {
            Flush();
        }

        ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_buffer, key, out var exists);
        if (!exists)
        {
            index = _buffer.Count - 1;
            _sums[index] = default;
        }

        ref var sums = ref _sums[index];
        sums.BilledCost += record.BilledCost;
        sums.EffectiveCost += record.EffectiveCost;
        sums.ListCost += record.ListCost;
        sums.ContractedCost += record.ContractedCost;
        sums.Rows++;
    }

    public void Flush()
    {
        var f = _insertFact;
        foreach (var (k, index) in _buffer)
        {
            ref readonly var s = ref _sums[index];
            f.Bind(1, k.Slice);
            f.Bind(2, k.ChargeDate);
            f.BindRef(3, k.BillingAccountName);
            f.BindRef(4, k.SubAccountId);
            f.BindRef(5, k.SubAccountName);
            f.BindRef(6, k.Service);
            f.BindRef(7, k.ServiceCategory);
            f.BindRef(8, k.Region);
            f.BindRef(9, k.ResourceId);
            f.BindRef(10, k.ResourceName);
            f.BindRef(11, k.ResourceType);
            f.Bind(12, k.ChargeCategory);
            f.BindRef(13, k.PricingCategory);
            f.BindRef(14, k.CommitmentDiscountId);
            f.Bind(15, k.TagSet);
            f.Bind(16, k.Currency);
            f.Bind(17, s.BilledCost);
            f.Bind(18, s.EffectiveCost);
            f.Bind(19, s.ListCost);
            f.Bind(20, s.ContractedCost);
            f.Bind(21, s.Rows);
            f.BindRef(22, k.CommitmentDiscountStatus);
            f.Execute();
        }

        FactsWritten += _buffer.Count;
        _buffer.Clear();
    }

    public void Dispose()
    {
        _insertValue.Dispose();
        _insertFact.Dispose();
    }

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

        if (_existingSlices.TryGetValue(key, out sliceId))
        {
            if (!_replacedEarlierInRun.Contains(sliceId))
            {
                // First file of this run to touch the slice: the facts of earlier runs go.
                Execute("DELETE FROM CostFacts WHERE SliceId = $s", sliceId);
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

    /// <summary>The dictionary id of a value; <paramref name="field"/> keys a one-entry cache that hits whenever the reader reuses string instances.</summary>
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

    private int TagSet(IReadOnlyDictionary<string, string> tags)
    {
        if (_tagSets.TryGetValue(tags, out var id))
        {
            return id;
        }

        var json = CanonicalJson(tags);
        if (!_tagSetsByJson.TryGetValue(json, out id))
        {
            using var insert = Command("INSERT INTO TagSets (Json) VALUES ($j) RETURNING Id");
            insert.Parameters.AddWithValue("$j", json);
            id = Convert.ToInt32(insert.ExecuteScalar(), CultureInfo.InvariantCulture);
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
