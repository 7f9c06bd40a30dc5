using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace FinOps.Storage.Data;

/// <summary>
/// Turns a <see cref="FactSegment"/> into the bytes of one BLOB and back: columnar, little-endian and exact.
/// One BLOB per few thousand facts replaces one SQLite row (and two index entries) per fact, which is what
/// made imports slow; reading back is a loop over arrays instead of a step per row.
/// </summary>
/// <remarks>
/// <para>Layout, version 1: version byte, fact count (int32), the 16 <see cref="FactIdColumn"/> columns, the rows
/// column, the 4 <see cref="FactAmountColumn"/> columns.</para>
/// <para>Integer column: int32 minimum, width byte (0, 1, 2 or 4), then count x width bytes of value - minimum
/// (width 0: every value is the minimum). Rows column: the same with an int64 minimum and widths up to 8.</para>
/// <para>Money column: kind byte. Kind 0 (fixed point): scale byte s, then an int64 column of value x 10^s, where s is
/// the largest decimal scale in the column. Kind 1 (raw), used when a value does not fit 64 bits that way: count x the
/// four int32 of <see cref="decimal.GetBits(decimal)"/>. A value reads back equal to the value written; only trailing
/// zeros of its scale may differ.</para>
/// </remarks>
public static class FactSegmentCodec
{
    public const byte Version = 1;

    private const byte FixedPoint = 0;
    private const byte Raw = 1;
    private const int MaxScale = 28;

    private static readonly UInt128[] Pow10 = Powers();

    /// <summary>The most bytes <see cref="Encode"/> can write for <paramref name="count"/> facts.</summary>
    public static int MaxLength(int count) =>
        1 + 4 + (FactSegment.IdColumnCount * (5 + (4 * count))) + (9 + (8 * count)) + (FactSegment.AmountColumnCount * (11 + (16 * count)));

    /// <summary>Writes the segment into <paramref name="destination"/> (at least <see cref="MaxLength"/> bytes) and returns the length written.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Encode(FactSegment segment, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var count = segment.Count;
        if (destination.Length < MaxLength(count))
        {
            throw new ArgumentException("The destination is too small for the segment.", nameof(destination));
        }

        destination[0] = Version;
        BinaryPrimitives.WriteInt32LittleEndian(destination[1..], count);
        var at = 5;
        for (var c = 0; c < FactSegment.IdColumnCount; c++)
        {
            at += WriteInts(segment.Ids[c].AsSpan(0, count), destination[at..]);
        }

        at += WriteLongs(segment.Rows.AsSpan(0, count), destination[at..]);

        // Scratch from the pool: a segment can hold tens of thousands of facts, and an array per column would be a
        // large-object allocation per segment.
        var units = ArrayPool<long>.Shared.Rent(Math.Max(1, count));
        try
        {
            for (var c = 0; c < FactSegment.AmountColumnCount; c++)
            {
                at += WriteAmounts(segment.Amounts[c].AsSpan(0, count), destination[at..], units);
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(units);
        }

        return at;
    }

    /// <summary>Reads a segment written by <see cref="Encode"/> into <paramref name="segment"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a fact segment this version can read.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Decode(ReadOnlySpan<byte> data, FactSegment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        if (data.Length < 5)
        {
            throw Corrupt("it is shorter than its header");
        }

        if (data[0] != Version)
        {
            throw new InvalidDataException($"Fact segment version {data[0]} is not supported (this build reads version {Version}).");
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(data[1..]);
        if (count < 0)
        {
            throw Corrupt("its fact count is negative");
        }

        // A corrupt count must fail here, not allocate columns for up to 2^31 facts first.
        CheckLayout(data, count);
        segment.Reset(count);
        var at = 5;
        for (var c = 0; c < FactSegment.IdColumnCount; c++)
        {
            at += ReadInts(data[at..], segment.Ids[c].AsSpan(0, count));
        }

        at += ReadLongs(data[at..], segment.Rows.AsSpan(0, count));
        for (var c = 0; c < FactSegment.AmountColumnCount; c++)
        {
            at += ReadAmounts(data[at..], segment.Amounts[c].AsSpan(0, count));
        }

        if (at != data.Length)
        {
            throw Corrupt("it has bytes after its last column");
        }

        segment.Count = count;
    }

    /// <summary>Throws unless the columns of <paramref name="count"/> facts, as their headers describe them, fit <paramref name="data"/>.</summary>
    private static void CheckLayout(ReadOnlySpan<byte> data, int count)
    {
        var at = 5;
        for (var c = 0; c < FactSegment.IdColumnCount; c++)
        {
            at = SkipColumn(data, at, 5, 4, count);
        }

        at = SkipColumn(data, at, 9, 8, count);
        for (var c = 0; c < FactSegment.AmountColumnCount; c++)
        {
            if (at >= data.Length)
            {
                throw Corrupt("a money column is truncated");
            }

            // An unknown kind is reported by ReadAmounts; here it only has to be measured as something.
            at = data[at] == FixedPoint
                ? SkipColumn(data, at + 2, 9, 8, count)
                : at + 1 + Body(data[(at + 1)..], 16, count, 16).Length;
        }
    }

    /// <summary>The offset after an integer column whose header (minimum, then width byte) is <paramref name="header"/> bytes at <paramref name="at"/>.</summary>
    private static int SkipColumn(ReadOnlySpan<byte> data, int at, int header, int maxWidth, int count)
    {
        if (data.Length - at < header)
        {
            throw Corrupt("a column is truncated");
        }

        return at + header + Body(data[(at + header)..], data[at + header - 1], count, maxWidth).Length;
    }

    private static int WriteInts(ReadOnlySpan<int> values, Span<byte> destination)
    {
        var min = values.IsEmpty ? 0 : int.MaxValue;
        var max = values.IsEmpty ? 0 : int.MinValue;
        foreach (var value in values)
        {
            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }

        var width = Width((ulong)((long)max - min));
        BinaryPrimitives.WriteInt32LittleEndian(destination, min);
        destination[4] = (byte)width;
        var body = destination[5..];
        for (var i = 0; i < values.Length; i++)
        {
            WriteUnsigned(body, i, width, unchecked((uint)(values[i] - min)));
        }

        return 5 + (width * values.Length);
    }

    private static int ReadInts(ReadOnlySpan<byte> source, Span<int> values)
    {
        if (source.Length < 5)
        {
            throw Corrupt("an id column is truncated");
        }

        var min = BinaryPrimitives.ReadInt32LittleEndian(source);
        var width = source[4];
        var body = Body(source[5..], width, values.Length, 4);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = unchecked((int)(min + (long)ReadUnsigned(body, i, width)));
        }

        return 5 + (width * values.Length);
    }

    private static int WriteLongs(ReadOnlySpan<long> values, Span<byte> destination)
    {
        var min = values.IsEmpty ? 0 : long.MaxValue;
        var max = values.IsEmpty ? 0 : long.MinValue;
        foreach (var value in values)
        {
            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }

        var width = Width(unchecked((ulong)max - (ulong)min));
        BinaryPrimitives.WriteInt64LittleEndian(destination, min);
        destination[8] = (byte)width;
        var body = destination[9..];
        for (var i = 0; i < values.Length; i++)
        {
            WriteUnsigned(body, i, width, unchecked((ulong)values[i] - (ulong)min));
        }

        return 9 + (width * values.Length);
    }

    private static int ReadLongs(ReadOnlySpan<byte> source, Span<long> values)
    {
        if (source.Length < 9)
        {
            throw Corrupt("an integer column is truncated");
        }

        var min = BinaryPrimitives.ReadInt64LittleEndian(source);
        var width = source[8];
        var body = Body(source[9..], width, values.Length, 8);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = unchecked((long)((ulong)min + ReadUnsigned(body, i, width)));
        }

        return 9 + (width * values.Length);
    }

    private static int WriteAmounts(ReadOnlySpan<decimal> values, Span<byte> destination, long[] units)
    {
        var scale = 0;
        foreach (var value in values)
        {
            scale = Math.Max(scale, value.Scale);
        }

        var fits = true;
        for (var i = 0; i < values.Length && fits; i++)
        {
            fits = TryUnits(values[i], scale, out units[i]);
        }

        if (fits)
        {
            destination[0] = FixedPoint;
            destination[1] = (byte)scale;
            return 2 + WriteLongs(units.AsSpan(0, values.Length), destination[2..]);
        }

        destination[0] = Raw;
        Span<int> bits = stackalloc int[4];
        var body = destination[1..];
        for (var i = 0; i < values.Length; i++)
        {
            decimal.GetBits(values[i], bits);
            for (var b = 0; b < 4; b++)
            {
                BinaryPrimitives.WriteInt32LittleEndian(body[(((i * 4) + b) * 4)..], bits[b]);
            }
        }

        return 1 + (16 * values.Length);
    }

    private static int ReadAmounts(ReadOnlySpan<byte> source, Span<decimal> values)
    {
        if (source.Length < 1)
        {
            throw Corrupt("a money column is truncated");
        }

        if (source[0] == FixedPoint)
        {
            if (source.Length < 2 || source[1] > MaxScale)
            {
                throw Corrupt("a money column has no valid scale");
            }

            var scale = source[1];
            var units = ArrayPool<long>.Shared.Rent(Math.Max(1, values.Length));
            try
            {
                var read = ReadLongs(source[2..], units.AsSpan(0, values.Length));
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = FromUnits(units[i], scale);
                }

                return 2 + read;
            }
            finally
            {
                ArrayPool<long>.Shared.Return(units);
            }
        }

        if (source[0] != Raw)
        {
            throw Corrupt($"a money column has unknown kind {source[0]}");
        }

        var body = Body(source[1..], 16, values.Length, 16);
        Span<int> bits = stackalloc int[4];
        for (var i = 0; i < values.Length; i++)
        {
            for (var b = 0; b < 4; b++)
            {
                bits[b] = BinaryPrimitives.ReadInt32LittleEndian(body[(((i * 4) + b) * 4)..]);
            }

            try
            {
                values[i] = new decimal(bits);
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException("The fact segment is corrupt: a money value is not a valid decimal.", e);
            }
        }

        return 1 + (16 * values.Length);
    }

    /// <summary><paramref name="value"/> x 10^<paramref name="scale"/> as an exact int64; false when it does not fit.</summary>
    private static bool TryUnits(decimal value, int scale, out long units)
    {
        units = 0;
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        if (bits[2] == 0 && bits[1] >= 0 && value.Scale == scale)
        {
            // The common case: the value already has the column's scale and a mantissa below 2^63.
            var mantissa63 = ((long)bits[1] << 32) | (uint)bits[0];
            units = bits[3] < 0 ? -mantissa63 : mantissa63;
            return true;
        }

        var negative = bits[3] < 0;
        var mantissa = ((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0];
        var factor = Pow10[scale - value.Scale];
        var limit = negative ? (UInt128)long.MaxValue + 1 : long.MaxValue;
        if (mantissa > limit / factor)
        {
            return false;
        }

        var scaled = mantissa * factor;
        units = negative ? (long)(0 - (Int128)scaled) : (long)scaled;
        return true;
    }

    private static decimal FromUnits(long units, byte scale)
    {
        var negative = units < 0;
        var magnitude = negative ? unchecked((ulong)(-(units + 1)) + 1) : (ulong)units;
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, negative, scale);
    }

    private static int Width(ulong range) => range switch
    {
        0 => 0,
        <= byte.MaxValue => 1,
        <= ushort.MaxValue => 2,
        <= uint.MaxValue => 4,
        _ => 8,
    };

    private static ReadOnlySpan<byte> Body(ReadOnlySpan<byte> source, int width, int count, int maxWidth)
    {
        if (width is not (0 or 1 or 2 or 4 or 8 or 16) || width > maxWidth)
        {
            throw Corrupt($"a column has invalid width {width}");
        }

        if ((long)width * count > source.Length)
        {
            throw Corrupt("a column is truncated");
        }

        return source[..(width * count)];
    }

    private static void WriteUnsigned(Span<byte> body, int index, int width, ulong value)
    {
        switch (width)
        {
            case 0:
                break;
            case 1:
                body[index] = (byte)value;
                break;
            case 2:
                BinaryPrimitives.WriteUInt16LittleEndian(body[(index * 2)..], (ushort)value);
                break;
            case 4:
                BinaryPrimitives.WriteUInt32LittleEndian(body[(index * 4)..], (uint)value);
                break;
            default:
                BinaryPrimitives.WriteUInt64LittleEndian(body[(index * 8)..], value);
                break;
        }
    }

    private static ulong ReadUnsigned(ReadOnlySpan<byte> body, int index, int width) => width switch
    {
        0 => 0,
        1 => body[index],
        2 => BinaryPrimitives.ReadUInt16LittleEndian(body[(index * 2)..]),
        4 => BinaryPrimitives.ReadUInt32LittleEndian(body[(index * 4)..]),
        _ => BinaryPrimitives.ReadUInt64LittleEndian(body[(index * 8)..]),
    };

    private static InvalidDataException Corrupt(string problem) => new($"The fact segment is corrupt: {problem}.");

    private static UInt128[] Powers()
    {
        var powers = new UInt128[MaxScale + 1];
        powers[0] = 1;
        for (var i = 1; i < powers.Length; i++)
        {
            powers[i] = powers[i - 1] * 10;
        }

        return powers;
    }
}
