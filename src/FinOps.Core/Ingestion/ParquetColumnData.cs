using System.Globalization;
using Parquet;
using Parquet.Data;
using Parquet.Schema;

namespace FinOps.Core.Ingestion;

/// <summary>One column of one Parquet row group, read into a typed array (no boxing per cell).</summary>
/// <remarks>
/// Text stays in Parquet.Net's buffers (one <see cref="ReadOnlyMemory{T}"/> per value) until a cell is asked for,
/// so repeated values cost no string allocation; dispose to hand the buffers back.
/// </remarks>
internal sealed class ParquetColumnData : IDisposable
{
    private RawColumnData<ReadOnlyMemory<char>>? _text;
    private int[]? _textIndex;
    private decimal?[]? _decimals;
    private double?[]? _doubles;
    private long?[]? _longs;
    private DateTime?[]? _times;

    public static async Task<ParquetColumnData> ReadAsync(ParquetRowGroupReader group, DataField field, int rows, CancellationToken cancellationToken)
    {
        var data = new ParquetColumnData();
        var type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        if (type == typeof(ReadOnlyMemory<char>) || type == typeof(string))
        {
            var raw = await group.ReadRawColumnDataBaseAsync(field, cancellationToken);
            if (raw is not RawColumnData<ReadOnlyMemory<char>> text)
            {
                raw.Dispose();
                throw new NotSupportedException($"Parquet text column {field.Name} did not read as text.");
            }

            data._text = text;
            data._textIndex = IndexValues(text, field.MaxDefinitionLevel, rows);
        }
        else if (type == typeof(decimal))
        {
            data._decimals = await ReadStructsAsync<decimal>(group, field, rows, cancellationToken);
        }
        else if (type == typeof(double))
        {
            data._doubles = await ReadStructsAsync<double>(group, field, rows, cancellationToken);
        }
        else if (type == typeof(float))
        {
            data._doubles = Array.ConvertAll(await ReadStructsAsync<float>(group, field, rows, cancellationToken), v => (double?)v);
        }
        else if (type == typeof(long))
        {
            data._longs = await ReadStructsAsync<long>(group, field, rows, cancellationToken);
        }
        else if (type == typeof(int))
        {
            data._longs = Array.ConvertAll(await ReadStructsAsync<int>(group, field, rows, cancellationToken), v => (long?)v);
        }
        else if (type == typeof(DateTime))
        {
            data._times = Array.ConvertAll(await ReadStructsAsync<DateTime>(group, field, rows, cancellationToken), v => v is { } t ? ToUtc(t) : (DateTime?)null);
        }
        else if (type == typeof(DateTimeOffset))
        {
            data._times = Array.ConvertAll(await ReadStructsAsync<DateTimeOffset>(group, field, rows, cancellationToken), v => v?.UtcDateTime);
        }
        else if (type == typeof(DateOnly))
        {
            data._times = Array.ConvertAll(await ReadStructsAsync<DateOnly>(group, field, rows, cancellationToken),
                v => v is { } d ? d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : (DateTime?)null);
        }
        else
        {
            throw new NotSupportedException($"Parquet type {type.Name} is not supported for this column.");
        }

        return data;
    }

    /// <summary>The cell as text, null for a null cell; the span is valid until the next row group.</summary>
    public ReadOnlySpan<char> GetText(int row, out bool isNull)
    {
        if (_text is not null)
        {
            var index = _textIndex![row];
            var span = index < 0 ? default : _text.Values[index].Span;
            isNull = index < 0 || FocusValues.IsNull(span);
            return span;
        }

        var text = GetString(row);
        isNull = text is null;
        return text;
    }

    public void Dispose() => _text?.Dispose();

    private string? GetString(int row)
    {
        if (_text is not null)
        {
            var span = GetText(row, out var isNull);
            return isNull ? null : span.ToString();
        }

        return _decimals?[row]?.ToString(CultureInfo.InvariantCulture)
            ?? _longs?[row]?.ToString(CultureInfo.InvariantCulture)
            ?? _doubles?[row]?.ToString("R", CultureInfo.InvariantCulture)
            ?? _times?[row]?.ToString("O", CultureInfo.InvariantCulture);
    }

    /// <summary>The amount, null for a null cell; false when the cell holds text that is not a number.</summary>
    public bool TryGetDecimal(int row, out decimal? value)
    {
        value = null;
        if (_decimals is not null)
        {
            value = _decimals[row];
        }
        else if (_doubles is not null)
        {
            value = _doubles[row] is { } d ? (decimal)d : null;
        }
        else if (_longs is not null)
        {
            value = _longs[row];
        }
        else if (_text is not null)
        {
            var text = GetText(row, out var isNull);
            if (isNull)
            {
                return true;
            }

            if (!FocusValues.TryParseDecimal(text, out var parsed))
            {
                return false;
            }

            value = parsed;
        }
        else if (_times is not null && _times[row] is not null)
        {
            return false;
        }

        return true;
    }

    /// <summary>The UTC timestamp, null for a null cell; false when the cell cannot be a timestamp.</summary>
    public bool TryGetTime(int row, out DateTime? value)
    {
        value = null;
        if (_times is not null)
        {
            value = _times[row];
            return true;
        }

        if (_text is not null)
        {
            var text = GetText(row, out var isNull);
            if (isNull)
            {
                return true;
            }

            if (!FocusValues.TryParseTimestamp(text, out var parsed))
            {
                return false;
            }

            value = parsed;
            return true;
        }

        return (_decimals?[row] ?? (object?)_doubles?[row] ?? _longs?[row]) is null;
    }

    public string Describe(int row) => GetString(row) ?? "NULL";

    /// <summary>For each row, the index of its value among the non-null values, or -1 when the row is null.</summary>
    private static int[] IndexValues(RawColumnData<ReadOnlyMemory<char>> text, int maxDefinitionLevel, int rows)
    {
        var index = new int[rows];
        if (maxDefinitionLevel == 0)
        {
            for (var i = 0; i < rows; i++)
            {
                index[i] = i;
            }

            return index;
        }

        var definitions = text.DefinitionLevels;
        var next = 0;
        for (var i = 0; i < rows; i++)
        {
            index[i] = definitions[i] == maxDefinitionLevel ? next++ : -1;
        }

        return index;
    }

    private static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Local => value.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        _ => value,
    };

    private static async Task<T?[]> ReadStructsAsync<T>(ParquetRowGroupReader group, DataField field, int rows, CancellationToken cancellationToken)
        where T : struct
    {
        if (field.IsNullable)
        {
            var nullable = new T?[rows];
            await group.ReadAsync<T>(field, nullable.AsMemory(), null, cancellationToken);
            return nullable;
        }

        var values = new T[rows];
        await group.ReadAsync(field, values.AsMemory(), null, cancellationToken);
        return Array.ConvertAll(values, v => (T?)v);
    }
}
