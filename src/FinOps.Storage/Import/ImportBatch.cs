using System.Globalization;
using System.Text.Json;
using FinOps.Core.Focus;
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

    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly long _importId;
    private readonly IReadOnlySet<int> _replacedEarlierInRun;
    private readonly Dictionary<string, int> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _tagSetsByJson = new(StringComparer.Ordinal);
    private readonly Dictionary<IReadOnlyDictionary<string, string>, int> _tagSets = new(TagSetComparer.Instance);
    private readonly Dictionary<(int Provider, int Account, int Period), int> _existingSlices = [];
    private readonly Dictionary<(int Provider, int Account, int Period), int> _fileSlices = [];
    private readonly Dictionary<FactKey, FactSums> _buffer = [];
    private readonly SqliteCommand _insertValue;
    private readonly SqliteCommand _insertFact;
    private readonly SqliteParameter[] _factParameters;

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

        _insertFact = Command(
            "INSERT INTO CostFacts (SliceId, ChargeDate, BillingAccountNameRef, SubAccountIdRef, SubAccountNameRef, ServiceRef, " +
            "ServiceCategoryRef, RegionRef, ResourceIdRef, ResourceNameRef, ResourceTypeRef, ChargeCategoryRef, PricingCategoryRef, " +
            "CommitmentDiscountIdRef, TagSetId, CurrencyRef, BilledCost, EffectiveCost, ListCost, ContractedCost, RowCount) VALUES " +
            "($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10, $p11, $p12, $p13, $p14, $p15, $p16, $p17, $p18, $p19, $p20)");
        _factParameters = new SqliteParameter[21];
        for (var i = 0; i < _factParameters.Length; i++)
        {
            _factParameters[i] = _insertFact.Parameters.Add("$p" + i.ToString(CultureInfo.InvariantCulture), i is >= 16 and <= 19 ? SqliteType.Text : SqliteType.Integer);
        }

        _insertFact.Prepare();
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
            Value(record.BillingAccountName),
            Value(record.SubAccountId),
            Value(record.SubAccountName),
            Value(record.ServiceName),
            Value(record.ServiceCategory),
            Value(record.RegionId ?? record.RegionName),
            Value(record.ResourceId),
            Value(record.ResourceName),
            Value(record.ResourceType),
            Value(record.ChargeCategory),
            Value(record.PricingCategory),
            Value(record.CommitmentDiscountId),
            TagSet(record.Tags),
            Value(record.BillingCurrency));
        Currencies.Add(record.BillingCurrency);

        if (!_buffer.TryGetValue(key, out var sums))
        {
            if (_buffer.Count >= FlushThreshold)
            {
                Flush();
            }

            sums = new FactSums();
            _buffer[key] = sums;
        }

        sums.BilledCost += record.BilledCost;
        sums.EffectiveCost += record.EffectiveCost;
        sums.ListCost += record.ListCost;
        sums.ContractedCost += record.ContractedCost;
        sums.Rows++;
    }

    public void Flush()
    {
        var p = _factParameters;
        foreach (var (k, s) in _buffer)
        {
            p[0].Value = k.Slice;
            p[1].Value = k.ChargeDate;
            p[2].Value = Ref(k.BillingAccountName);
            p[3].Value = Ref(k.SubAccountId);
            p[4].Value = Ref(k.SubAccountName);
            p[5].Value = Ref(k.Service);
            p[6].Value = Ref(k.ServiceCategory);
            p[7].Value = Ref(k.Region);
            p[8].Value = Ref(k.ResourceId);
            p[9].Value = Ref(k.ResourceName);
            p[10].Value = Ref(k.ResourceType);
            p[11].Value = k.ChargeCategory;
            p[12].Value = Ref(k.PricingCategory);
            p[13].Value = Ref(k.CommitmentDiscountId);
            p[14].Value = k.TagSet;
            p[15].Value = k.Currency;
            p[16].Value = s.BilledCost.ToString(CultureInfo.InvariantCulture);
            p[17].Value = s.EffectiveCost.ToString(CultureInfo.InvariantCulture);
            p[18].Value = s.ListCost.ToString(CultureInfo.InvariantCulture);
            p[19].Value = s.ContractedCost.ToString(CultureInfo.InvariantCulture);
            p[20].Value = s.Rows;
            _insertFact.ExecuteNonQuery();
        }

        FactsWritten += _buffer.Count;
        _buffer.Clear();
    }

    public void Dispose()
    {
        _insertValue.Dispose();
        _insertFact.Dispose();
    }

    private static object Ref(int id) => id == 0 ? DBNull.Value : id;

    private int Slice(FocusRecord record)
    {
        var provider = Value(record.Provider);
        var account = Value(record.BillingAccountId ?? string.Empty);
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

    private int Value(string? value)
    {
        if (value is null)
        {
            return 0;
        }

        if (_values.TryGetValue(value, out var id))
        {
            return id;
        }

        _insertValue.Parameters[0].Value = value;
        id = Convert.ToInt32(_insertValue.ExecuteScalar(), CultureInfo.InvariantCulture);
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
