using System.Runtime.CompilerServices;
using System.Text;
using FinOps.Core.Focus;
using Sylvan.Data.Csv;

namespace FinOps.Core.Ingestion;

/// <summary>Streams the rows of one FOCUS CSV file (plain or gzip) with Sylvan.Data.Csv.</summary>
/// <remarks>
/// Line numbers are physical lines, header = 1: Sylvan's RowNumber counts records, so a quoted field that spans
/// lines would shift it; the cursor counts the line breaks of each raw record instead. Blank lines are skipped.
/// </remarks>
internal sealed class CsvFocusCursor : IDisposable
{
    // 256 K chars (512 KB): Sylvan refills less often and moves the partial record at the buffer's end less often; with
    // 64 K chars, refills cost a quarter of the tokenising on 900 MB exports of 46 columns.
    private const int BufferChars = 1 << 18;

    private readonly string _file;
    private readonly CsvDataReader _csv;
    private readonly FocusHeader _header;
    private readonly FocusRow _row;
    // Long enough to see values come back: a daily export lists every resource of a day before the first one repeats, so
    // after only a few thousand lookups its resource ids all look unique (and unpooled, each row would make a new string
    // that the roll-up must then look up by content).
    private const int PoolTrial = 65_536;

    private readonly StringPool _pool = new();
    private readonly int[] _poolLookups = new int[Enum.GetValues<FocusColumn>().Length];
    private readonly int[] _poolMisses = new int[Enum.GetValues<FocusColumn>().Length];
    private readonly bool[] _unpooled = new bool[Enum.GetValues<FocusColumn>().Length];
    private readonly FocusTags _tags;
    private readonly ResourceCells _resources = new();
    private readonly bool _readsResourceId;
    private readonly FocusColumn[] _textColumns;
    private readonly int[] _extensionOrdinals;
    private readonly PreviousCell[] _previous = [.. Enum.GetValues<FocusColumn>().Select(_ => new PreviousCell())];
    private readonly InvalidUtf8Fallback _invalidUtf8 = new();
    private readonly int _fieldCount;
    private string?[]? _extensionValues;
    private long _nextLine;

    public CsvFocusCursor(string file, Stream stream, bool gzip, FocusReadOptions options)
    {
        _file = file;
        var input = gzip ? new VerifiedGzipStream(file, stream) : stream;
        // With the BOM as its preamble the reader skips a UTF-8 BOM and keeps this encoding; without, it would switch to
        // Encoding.UTF8 on seeing one, whose fallback replaces invalid bytes silently.
        var encoding = (Encoding)new UTF8Encoding(encoderShouldEmitUTF8Identifier: true).Clone();
        encoding.DecoderFallback = _invalidUtf8;
        var text = new StreamReader(input, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: BufferChars);
        var csvOptions = new CsvDataReaderOptions
        {
            HasHeaders = true,
            BufferSize = BufferChars,
            MaxBufferSize = 1 << 24,
            Comment = '\0', // FOCUS has no comment lines; Sylvan's default '#' would silently drop rows.
            OwnsReader = true,
        };

        try
        {
            _csv = CsvDataReader.Create(text, csvOptions);
        }
        catch (Exception e) when (e is CsvFormatException or InvalidDataException or DecoderFallbackException)
        {
            text.Dispose();
            throw new FocusFormatException(file, 1, null, $"the header cannot be read: {e.Message}", e);
        }
        catch (FocusFormatException)
        {
            text.Dispose();
            throw;
        }

        var names = new string[_csv.FieldCount];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = _csv.GetName(i);
        }

        _fieldCount = names.Length;
        if (_invalidUtf8.Seen && Array.Exists(names, n => n.Contains(InvalidUtf8Fallback.Replacement, StringComparison.Ordinal)))
        {
            _csv.Dispose();
            throw new FocusFormatException(file, 1, null, InvalidUtf8Problem);
        }

        if (names.Length == 0 || (names.Length == 1 && FocusColumnAliases.Normalize(names[0]).Length == 0))
        {
            _csv.Dispose();
            throw new FocusFormatException(file, 1, null, "not a FOCUS cost export: the file is empty (no header line).");
        }

        try
        {
            _header = FocusHeader.Resolve(file, names);
        }
        catch
        {
            _csv.Dispose();
            throw;
        }

        _row = new FocusRow(_header, file, options);
        _tags = new FocusTags(_pool);
        _readsResourceId = _row.TextColumns.Contains(FocusColumn.ResourceId);
        _textColumns = [.. _row.TextColumns.Where(c => c != FocusColumn.ResourceId)];
        _extensionOrdinals = [.. _row.Extensions.SourceIndexes.Select(i => _header.ExtensionOrdinals[i])];
        _nextLine = 1 + names.Sum(n => n.AsSpan().Count('\n')) + 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public FocusRecord? Next(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!ReadRecord())
            {
                if (_invalidUtf8.Seen)
                {
                    throw new FocusFormatException(_file, null, null, InvalidUtf8Problem);
                }

                return null;
            }

            var raw = _csv.GetRawRecordSpan();
            var line = _nextLine;
            var breaks = raw.Count('\n');
            _nextLine += breaks > 0 ? breaks : raw.Count('\r');
            if (_invalidUtf8.Seen && raw.Contains(InvalidUtf8Fallback.Replacement))
            {
                throw new FocusFormatException(_file, line, null, InvalidUtf8Problem);
            }

            if (raw.IsEmpty || raw[^1] is not ('\n' or '\r'))
            {
                // Only the last line of a file can lack its line ending: a file cut short (a partial download or copy) ends so.
                throw new FocusFormatException(_file, line, null,
                    "the last line has no line ending: the file ends inside it, so it may be cut short. A complete export ends every line with a line break.");
            }

            if (raw.TrimEnd("\r\n").IsEmpty)
            {
                continue;
            }

            if (_csv.RowFieldCount != _fieldCount)
            {
                throw new FocusFormatException(_file, line, null,
                    $"the row has {_csv.RowFieldCount} fields but the header has {_fieldCount}: a row must have exactly one value per column (empty or NULL for no value).");
            }

            return ReadRow(line);
        }
    }

    public void Dispose() => _csv.Dispose();

    private bool ReadRecord()
    {
        try
        {
            return _csv.Read();
        }
        catch (Exception e) when (e is CsvFormatException or InvalidDataException or DecoderFallbackException)
        {
            throw new FocusFormatException(_file, _nextLine, null, $"the CSV cannot be read here: {e.Message}", e);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private FocusRecord ReadRow(long line)
    {
        var fieldCount = _csv.RowFieldCount;
        var row = _row;

        // The resource first: its other cells are most likely what it had on its last row.
        ResourceCells.Entry? resource = null;
        if (_readsResourceId)
        {
            var span = Field(_header.Ordinal(FocusColumn.ResourceId), fieldCount);
            ref var id = ref row.Text[(int)FocusColumn.ResourceId];
            if (id is null || !span.SequenceEqual(id))
            {
                id = FocusValues.IsNull(span) ? null : Text(FocusColumn.ResourceId, span);
            }

            resource = id is null ? null : _resources.For(id);
        }

        foreach (var column in _textColumns)
        {
            var span = Field(_header.Ordinal(column), fieldCount);
            ref var text = ref row.Text[(int)column];

            // Exports list rows in runs (same provider, account, service, currency...): a value equal to the
            // previous row's is that string again, found without hashing.
            if (text is not null && span.SequenceEqual(text))
            {
                continue;
            }

            // Or in turns (every resource of an hour, then the next hour): equal to what the resource had last time.
            if (resource?.Text[(int)column] is { } known && span.SequenceEqual(known))
            {
                text = known;
                continue;
            }

            text = FocusValues.IsNull(span) ? null : Text(column, span);
            resource?.Text[(int)column] = text;
        }

        foreach (var column in row.MoneyColumns)
        {
            var span = Field(_header.Ordinal(column), fieldCount);
            var previous = _previous[(int)column];
            if (previous.Same(span))
            {
                continue;
            }

            previous.Remember(span);
            if (FocusValues.IsNull(span))
            {
                row.Money[(int)column] = null;
            }
            else if (FocusValues.TryParseDecimal(span, out var amount))
            {
                row.Money[(int)column] = amount;
            }
            else
            {
                throw Bad(line, column, $"'{Shorten(span)}' is not a number.");
            }
        }

        foreach (var column in row.TimeColumns)
        {
            var span = Field(_header.Ordinal(column), fieldCount);
            var previous = _previous[(int)column];
            if (previous.Same(span))
            {
                continue;
            }

            previous.Remember(span);
            if (FocusValues.IsNull(span))
            {
                row.Time[(int)column] = null;
            }
            else if (FocusValues.TryParseTimestamp(span, out var time))
            {
                row.Time[(int)column] = time;
            }
            else
            {
                throw Bad(line, column, $"'{Shorten(span)}' is not a date or timestamp.");
            }
        }

        var tags = row.HasTags ? Field(_header.Ordinal(FocusColumn.Tags), fieldCount) : default;
        if (row.HasTags && !_previous[(int)FocusColumn.Tags].Same(tags))
        {
            try
            {
                // The remembered text is the trimmed cell: compare it with the trimmed cell.
                if (resource?.TagsText is { } known && tags.Trim().SequenceEqual(known))
                {
                    row.Tags = resource.Tags;
                }
                else
                {
                    row.Tags = _tags.Parse(tags, out var text);
                    resource?.RememberTags(text, row.Tags);
                }

                _previous[(int)FocusColumn.Tags].Remember(tags);
            }
            catch (FormatException e)
            {
                throw new FocusFormatException(_file, line, _header.Name(FocusColumn.Tags), e.Message, e);
            }
        }

        if (_extensionOrdinals.Length > 0 && !SameExtensions(fieldCount))
        {
            var values = new string?[_extensionOrdinals.Length];
            for (var i = 0; i < values.Length; i++)
            {
                var span = Field(_extensionOrdinals[i], fieldCount);
                values[i] = FocusValues.IsNull(span) ? null : _pool.Get(span);
            }

            row.ExtensionValues = row.Extensions.Row(values);
            _extensionValues = values;
        }

        return row.ToRecord(line);
    }

    /// <summary>
    /// The cell as a string, shared through the pool while that pays: a column whose values hardly repeat (descriptions,
    /// SKU ids of some exports) would only fill the pool with strings that outlive their row and cost the GC, so after
    /// <see cref="PoolTrial"/> lookups such a column gets fresh strings instead.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string Text(FocusColumn column, ReadOnlySpan<char> span)
    {
        var c = (int)column;
        if (_unpooled[c])
        {
            return span.ToString();
        }

        if (++_poolLookups[c] <= PoolTrial)
        {
            var before = _pool.Misses;
            var text = _pool.Get(span);
            _poolMisses[c] += (int)(_pool.Misses - before);
            _unpooled[c] = _poolLookups[c] == PoolTrial && _poolMisses[c] > PoolTrial * 9 / 10;
            return text;
        }

        return _pool.Get(span);
    }

    /// <summary>Whether every x_ cell equals the previous row's, so its (immutable) values can be shared.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool SameExtensions(int fieldCount)
    {
        if (_extensionValues is not { } previous)
        {
            return false;
        }

        for (var i = 0; i < previous.Length; i++)
        {
            var span = Field(_extensionOrdinals[i], fieldCount);
            if (previous[i] is { } text ? !span.SequenceEqual(text) : !FocusValues.IsNull(span))
            {
                return false;
            }
        }

        return true;
    }

    private const string InvalidUtf8Problem = "the file is not valid UTF-8 here: FOCUS CSV text must be UTF-8 (save or export it as UTF-8).";

    private ReadOnlySpan<char> Field(int ordinal, int fieldCount) =>
        ordinal < fieldCount ? _csv.GetFieldSpan(ordinal) : [];

    private FocusFormatException Bad(long line, FocusColumn column, string problem) =>
        new(_file, line, _header.Name(column), problem);

    private static string Shorten(ReadOnlySpan<char> text) =>
        text.Length <= 60 ? text.ToString() : string.Concat(text[..57], "...");
}
