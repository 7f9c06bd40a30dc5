using System.Collections.Frozen;
using System.Text;
using FinOps.Core.Focus;
using Parquet;
using Parquet.Data;
using Parquet.Schema;

namespace FinOps.Core.Ingestion;

/// <summary>Streams the rows of one FOCUS Parquet file, one row group in memory at a time.</summary>
/// <remarks>
/// Tags may be a JSON string column or a Parquet map of strings. Line numbers are 1-based row numbers in the file.
/// The Parquet API is asynchronous; <see cref="IFocusFileReader"/> is a synchronous stream, so each row group is
/// awaited synchronously (there is no synchronization context in the hosts that call it).
/// </remarks>
internal sealed class ParquetFocusCursor : IDisposable
{
    private const int TagCacheCapacity = 20_000;
    private const long TagCacheMaxChars = 4_000_000;

    private readonly string _file;
    private readonly IReadOnlySet<FocusColumn> _omitted;
    private readonly ParquetReader _parquet;
    private readonly FocusHeader _header;
    private readonly FocusRow _row;
    private readonly Field[] _fields;
    private readonly DataField?[] _extensionFields;
    private readonly StringPool _pool = new();
    private readonly FocusTags _tags;
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _mapTagCache = new(StringComparer.Ordinal);
    private readonly ParquetColumnData?[] _columns;
    private readonly ParquetColumnData?[] _extensions;
    private IReadOnlyDictionary<string, string>[]? _mapTags;
    private int _group = -1;
    private int _rowInGroup;
    private int _rowsInGroup;
    private long _rowsBefore;
    private long _mapTagCacheChars;

    public ParquetFocusCursor(string file, Stream stream, FocusReadOptions options, CancellationToken cancellationToken)
    {
        _file = file;
        try
        {
            _parquet = ParquetReader.CreateAsync(stream, null, leaveStreamOpen: false, cancellationToken).GetAwaiter().GetResult();
        }
        catch (Exception e) when (IsDamage(e))
        {
            stream.Dispose();
            throw new FocusFormatException(file, null, null, $"not a readable Parquet file: {e.Message}", e);
        }

        _fields = [.. _parquet.Schema.Fields];
        try
        {
            _header = FocusHeader.Resolve(file, [.. _fields.Select(f => f.Name)]);
        }
        catch
        {
            _parquet.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }

        _row = new FocusRow(_header, file, options);
        _omitted = options.Omit;
        _tags = new FocusTags(_pool);
        _columns = new ParquetColumnData?[Enum.GetValues<FocusColumn>().Length];
        _extensionFields = [.. _row.Extensions.SourceIndexes.Select(i => _fields[_header.ExtensionOrdinals[i]] as DataField)];
        _extensions = new ParquetColumnData?[_extensionFields.Length];
    }

    public FocusRecord? Next(CancellationToken cancellationToken)
    {
        while (_rowInGroup >= _rowsInGroup)
        {
            _rowsBefore += _rowsInGroup;
            if (++_group >= _parquet.RowGroupCount)
            {
                return null;
            }

            LoadGroupAsync(cancellationToken).GetAwaiter().GetResult();
        }

        var row = _rowInGroup++;
        return ReadRow(row, _rowsBefore + row + 1);
    }

    public void Dispose()
    {
        ReleaseGroup();
        _parquet.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private void ReleaseGroup()
    {
        for (var i = 0; i < _columns.Length; i++)
        {
            _columns[i]?.Dispose();
            _columns[i] = null;
        }

        for (var i = 0; i < _extensions.Length; i++)
        {
            _extensions[i]?.Dispose();
            _extensions[i] = null;
        }
    }

    private async Task LoadGroupAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ReleaseGroup();
        ParquetRowGroupReader group;
        int rows;
        try
        {
            group = _parquet.OpenRowGroupReader(_group);
            rows = checked((int)group.RowCount);
        }
        catch (Exception e) when (IsDamage(e))
        {
            throw new FocusFormatException(_file, null, null, $"{GroupName()} cannot be read ({e.Message}); the file is damaged or truncated.", e);
        }

        using var groupScope = group;
        _rowInGroup = 0;
        _rowsInGroup = rows;
        _mapTags = null;

        foreach (var column in Enum.GetValues<FocusColumn>().Where(c => _header.Has(c) && !_omitted.Contains(c)))
        {
            var field = _fields[_header.Ordinal(column)];
            if (column == FocusColumn.Tags && field is MapField map)
            {
                try
                {
                    _mapTags = await ReadMapAsync(group, map, rows, cancellationToken);
                }
                catch (Exception e) when (IsDamage(e))
                {
                    throw Damaged(map.Name, e);
                }

                continue;
            }

            if (field is not DataField { MaxRepetitionLevel: 0 } data)
            {
                throw new FocusFormatException(_file, null, _header.Name(column), $"a {field.SchemaType} column cannot be read as {column}.");
            }

            _columns[(int)column] = await ReadColumnAsync(group, data, rows, _header.Name(column), cancellationToken);
        }

        for (var i = 0; i < _extensionFields.Length; i++)
        {
            _extensions[i] = _extensionFields[i] is { MaxRepetitionLevel: 0 } data
                ? await ReadColumnAsync(group, data, rows, data.Name, cancellationToken)
                : null;
        }
    }

    private async Task<ParquetColumnData> ReadColumnAsync(ParquetRowGroupReader group, DataField field, int rows, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await ParquetColumnData.ReadAsync(group, field, rows, cancellationToken);
        }
        catch (NotSupportedException e)
        {
            throw new FocusFormatException(_file, null, name, e.Message, e);
        }
        catch (Exception e) when (IsDamage(e))
        {
            throw Damaged(name, e);
        }
    }

    /// <summary>
    /// Whether an exception from Parquet.Net means the file's bytes are damaged: a corrupt page or length surfaces as
    /// whatever the decoder hit first (an impossible array size, a read past the end, a bad enum), never as one type.
    /// </summary>
    private static bool IsDamage(Exception e) =>
        e is not (OperationCanceledException or FocusFormatException or StackOverflowException or AccessViolationException);

    private FocusFormatException Damaged(string column, Exception e) =>
        new(_file, null, column, $"{GroupName()} cannot be read in this column ({e.GetType().Name}: {e.Message}); the file is damaged or truncated.", e);

    private string GroupName() =>
        $"row group {_group + 1} of {_parquet.RowGroupCount} (rows from {_rowsBefore + 1})";

    private async Task<IReadOnlyDictionary<string, string>[]> ReadMapAsync(ParquetRowGroupReader group, MapField map, int rows, CancellationToken cancellationToken)
    {
        if (map.Key is not DataField keyField || map.Value is not DataField valueField)
        {
            throw new FocusFormatException(_file, null, map.Name, "Tags must be a map of strings to strings.");
        }

        using var keys = await group.ReadRawColumnDataBaseAsync(keyField, cancellationToken);
        using var values = await group.ReadRawColumnDataBaseAsync(valueField, cancellationToken);
        if (keys is not RawColumnData<ReadOnlyMemory<char>> keyData || values is not RawColumnData<ReadOnlyMemory<char>> valueData)
        {
            throw new FocusFormatException(_file, null, map.Name, "Tags must be a map of strings to strings.");
        }

        return BuildMaps(keyData, valueData, keyField.MaxDefinitionLevel, valueField.MaxDefinitionLevel, rows);
    }

    private IReadOnlyDictionary<string, string>[] BuildMaps(
        RawColumnData<ReadOnlyMemory<char>> keys, RawColumnData<ReadOnlyMemory<char>> values, int keyMaxDefinition, int valueMaxDefinition, int rows)
    {
        var result = new IReadOnlyDictionary<string, string>[rows];
        var keyDefinitions = keys.DefinitionLevels;
        var repetitions = keys.RepetitionLevels;
        var valueDefinitions = values.DefinitionLevels;
        var keyValues = keys.Values;
        var valueValues = values.Values;
        var pairs = new List<KeyValuePair<string, string>>();
        var cacheKey = new StringBuilder();
        int row = -1, keyIndex = 0, valueIndex = 0;

        for (var level = 0; level < repetitions.Length; level++)
        {
            if (repetitions[level] == 0)
            {
                if (row >= 0)
                {
                    result[row] = ToTags(pairs, cacheKey);
                }

                row++;
                pairs.Clear();
                cacheKey.Clear();
            }

            if (keyDefinitions[level] < keyMaxDefinition)
            {
                continue;
            }

            var key = keyValues[keyIndex++].Span.Trim();
            string value = "null";
            if (valueDefinitions[level] >= valueMaxDefinition)
            {
                value = _pool.Get(valueValues[valueIndex++].Span);
            }

            if (!key.IsEmpty)
            {
                var name = _pool.Get(key);
                pairs.Add(new(name, value));
                cacheKey.Append(name).Append('\u0001').Append(value).Append('\u0002');
            }
        }

        if (row >= 0 && row < rows)
        {
            result[row] = ToTags(pairs, cacheKey);
        }

        for (var i = 0; i < rows; i++)
        {
            result[i] ??= FocusTags.Empty;
        }

        return result;
    }

    private IReadOnlyDictionary<string, string> ToTags(List<KeyValuePair<string, string>> pairs, StringBuilder cacheKey)
    {
        if (pairs.Count == 0)
        {
            return FocusTags.Empty;
        }

        var key = cacheKey.ToString();
        if (_mapTagCache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in pairs)
        {
            tags[name] = value;
        }

        var frozen = tags.ToFrozenDictionary(StringComparer.Ordinal);
        if (_mapTagCache.Count >= TagCacheCapacity || _mapTagCacheChars + key.Length > TagCacheMaxChars)
        {
            _mapTagCache.Clear();
            _mapTagCacheChars = 0;
        }

        _mapTagCache[key] = frozen;
        _mapTagCacheChars += key.Length;
        return frozen;
    }

    private FocusRecord ReadRow(int index, long line)
    {
        var row = _row;
        foreach (var column in row.TextColumns)
        {
            var text = _columns[(int)column]!.GetText(index, out var isNull);
            row.Text[(int)column] = isNull ? null : _pool.Get(text);
        }

        foreach (var column in row.MoneyColumns)
        {
            var data = _columns[(int)column]!;
            if (!data.TryGetDecimal(index, out var amount))
            {
                throw new FocusFormatException(_file, line, _header.Name(column), $"'{data.Describe(index)}' is not a number.");
            }

            row.Money[(int)column] = amount;
        }

        foreach (var column in row.TimeColumns)
        {
            var data = _columns[(int)column]!;
            if (!data.TryGetTime(index, out var time))
            {
                throw new FocusFormatException(_file, line, _header.Name(column), $"'{data.Describe(index)}' is not a date or timestamp.");
            }

            row.Time[(int)column] = time;
        }

        if (row.HasTags)
        {
            if (_mapTags is not null)
            {
                row.Tags = _mapTags[index];
            }
            else
            {
                try
                {
                    row.Tags = _tags.Parse(_columns[(int)FocusColumn.Tags]!.GetText(index, out _));
                }
                catch (FormatException e)
                {
                    throw new FocusFormatException(_file, line, _header.Name(FocusColumn.Tags), e.Message, e);
                }
            }
        }

        if (_extensions.Length > 0)
        {
            var values = new string?[_extensions.Length];
            for (var i = 0; i < values.Length; i++)
            {
                if (_extensions[i] is { } data)
                {
                    var text = data.GetText(index, out var isNull);
                    values[i] = isNull ? null : _pool.Get(text);
                }
            }

            row.ExtensionValues = row.Extensions.Row(values);
        }

        return row.ToRecord(line);
    }
}
