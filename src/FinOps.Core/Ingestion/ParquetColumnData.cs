using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace FinOps.Core.Ingestion;

/// <summary>One column of one Parquet row group, read into a typed array (no boxing per cell).</summary>
internal sealed class ParquetColumnData
{
    private string?[]? _strings;
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
            data._strings = new string?[rows];
            await group.ReadAsync(field, data._strings.AsMemory(), null, cancellationToken);
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

    public string? GetString(int row)
    {
        if (_strings is not null)
        {
            var s = _strings[row];
            return s is null || FocusValues.IsNull(s) ? null : s;
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
        else if (_strings is not null && GetString(row) is { } text)
        {
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

        if (_strings is not null)
        {
            if (GetString(row) is not { } text)
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
