using System.Buffers.Binary;
using FinOps.Storage.Data;

namespace FinOps.Storage.Tests;

public sealed class FactSegmentCodecTests
{
    private const decimal Huge = 79228162514264337593543950335m;

    /// <summary>Where the first money column starts when every id and the rows column are constant (width 0).</summary>
    private const int FirstAmountAtWhenConstant = 5 + (FactSegment.IdColumnCount * 5) + 9;

    [Fact]
    public void EncodeDecode_EmptySegment_RoundTripsToEmpty()
    {
        var segment = new FactSegment(4);

        var back = RoundTrip(segment, new FactSegment(1) { Count = 3 });

        Assert.Equal(0, back.Count);
    }

    [Fact]
    public void EncodeDecode_OneFact_EveryColumnComesBack()
    {
        var segment = new FactSegment(1) { Count = 1 };
        for (var c = 0; c < FactSegment.IdColumnCount; c++)
        {
            segment.Ids[c][0] = (c * 1_000) - 7;
        }

        segment.Rows[0] = 24;
        segment[FactAmountColumn.BilledCost][0] = 12.345m;
        segment[FactAmountColumn.EffectiveCost][0] = -0.5m;
        segment[FactAmountColumn.ListCost][0] = 0m;
        segment[FactAmountColumn.ContractedCost][0] = Huge;

        var back = RoundTrip(segment, new FactSegment(1));

        AssertSame(segment, back);
    }

    [Fact]
    public void EncodeDecode_RandomSegments_ComeBackEqual()
    {
        var random = new Random(20261123);
        for (var run = 0; run < 300; run++)
        {
            var segment = RandomSegment(random, random.Next(0, 200));

            var back = RoundTrip(segment, new FactSegment(random.Next(1, 300)));

            AssertSame(segment, back, $"case {run}");
        }
    }

    [Fact]
    public void EncodeDecode_IdExtremes_ComeBackExact()
    {
        var segment = new FactSegment(4) { Count = 4 };
        int[] extremes = [int.MinValue, int.MaxValue, 0, -1];
        for (var c = 0; c < FactSegment.IdColumnCount; c++)
        {
            for (var i = 0; i < 4; i++)
            {
                segment.Ids[c][i] = extremes[(i + c) % 4];
            }
        }

        long[] rows = [long.MaxValue, long.MinValue, 0, -5];
        rows.CopyTo(segment.Rows, 0);

        var back = RoundTrip(segment, new FactSegment(1));

        AssertSame(segment, back);
    }

    [Fact]
    public void EncodeDecode_ScalesZeroTo28_ComeBackEqual()
    {
        var segment = new FactSegment(29) { Count = 29 };
        for (var s = 0; s <= 28; s++)
        {
            // 1 at every scale (fixed point needs 10^28: raw), and the same digits as small values per column.
            segment[FactAmountColumn.BilledCost][s] = new decimal(1, 0, 0, false, (byte)s);
            segment[FactAmountColumn.EffectiveCost][s] = new decimal(123_456_789, 0, 0, s % 2 == 0, (byte)s);
            segment[FactAmountColumn.ListCost][s] = new decimal(-1, -1, -1, s % 3 == 0, (byte)s);
            segment[FactAmountColumn.ContractedCost][s] = s == 28 ? 0.0000000000000000000000000001m : 0m;
        }

        var back = RoundTrip(segment, new FactSegment(1));

        AssertSame(segment, back);
    }

    [Fact]
    public void Encode_ValueTooLargeForInt64_GoesRawAndComesBackEqual()
    {
        // The small values alone would be fixed point; one value beyond 64 bits (or beyond it once scaled) forces raw.
        decimal[][] columns =
        [
            [1.5m, Huge, 2m, -3.25m],
            [-Huge, 0m, 0.01m, 7m],
            [9223372036854775808m, 1m, 1m, 1m], // 2^63: one past long.MaxValue
            [922337203685477580.8m, 0.01m, 0m, 0m], // fits alone, not once scaled to the column's 2 decimals
        ];
        var segment = Constant(4);
        for (var c = 0; c < FactSegment.AmountColumnCount; c++)
        {
            columns[c].CopyTo(segment.Amounts[c], 0);
        }

        var buffer = new byte[FactSegmentCodec.MaxLength(4)];
        var length = FactSegmentCodec.Encode(segment, buffer);
        var back = new FactSegment(1);
        FactSegmentCodec.Decode(buffer.AsSpan(0, length), back);

        AssertSame(segment, back);
        for (var c = 0; c < FactSegment.AmountColumnCount; c++)
        {
            Assert.Equal(1, buffer[FirstAmountAtWhenConstant + (c * (1 + (16 * 4)))]); // raw kind
        }

        Assert.Equal(FirstAmountAtWhenConstant + (4 * (1 + (16 * 4))), length);
    }

    [Fact]
    public void Encode_ValuesThatFitOnceScaled_StayFixedPointAndComeBackEqual()
    {
        var segment = Constant(3);
        // Max scale 10 forces x10^10 on the integer values; all fit 64 bits.
        decimal[] big = [922_337_203.0000000001m, -922_337_203m, 1m];
        decimal[] edge = [-9223372036854775808m, 9223372036854775807m, 0m]; // long.MinValue and MaxValue at scale 0
        decimal[] mixed = [0.0000000001m, 123_456_789m, -0.5m];
        decimal[] zeros = [0m, 0.000m, -0m];
        big.CopyTo(segment[FactAmountColumn.BilledCost], 0);
        edge.CopyTo(segment[FactAmountColumn.EffectiveCost], 0);
        mixed.CopyTo(segment[FactAmountColumn.ListCost], 0);
        zeros.CopyTo(segment[FactAmountColumn.ContractedCost], 0);

        var buffer = new byte[FactSegmentCodec.MaxLength(3)];
        var length = FactSegmentCodec.Encode(segment, buffer);
        var back = new FactSegment(1);
        FactSegmentCodec.Decode(buffer.AsSpan(0, length), back);

        AssertSame(segment, back);
        var at = FirstAmountAtWhenConstant;
        for (var c = 0; c < FactSegment.AmountColumnCount; c++)
        {
            Assert.Equal(0, buffer[at]); // fixed point
            var width = buffer[at + 2 + 8];
            at += 2 + 9 + (width * 3);
        }

        Assert.Equal(at, length);
    }

    [Fact]
    public void Decode_IntoSmallerAndLargerSegments_ReusesAndGrows()
    {
        var random = new Random(7);
        var reused = new FactSegment(2);
        foreach (var count in new[] { 50, 3, 500, 0, 120 })
        {
            var segment = RandomSegment(random, count);

            RoundTrip(segment, reused);

            AssertSame(segment, reused, $"count {count}");
            Assert.True(reused.Capacity >= count);
        }
    }

    [Fact]
    public void Encode_WorstCase_FitsExactlyMaxLength()
    {
        const int count = 33;
        var segment = new FactSegment(count) { Count = count };
        for (var i = 0; i < count; i++)
        {
            for (var c = 0; c < FactSegment.IdColumnCount; c++)
            {
                segment.Ids[c][i] = i % 2 == 0 ? int.MinValue : int.MaxValue;
            }

            segment.Rows[i] = i % 2 == 0 ? long.MinValue : long.MaxValue;
            for (var c = 0; c < FactSegment.AmountColumnCount; c++)
            {
                segment.Amounts[c][i] = i % 2 == 0 ? -Huge : Huge;
            }
        }

        var exact = new byte[FactSegmentCodec.MaxLength(count)];
        var length = FactSegmentCodec.Encode(segment, exact);
        var back = new FactSegment(1);
        FactSegmentCodec.Decode(exact.AsSpan(0, length), back);

        Assert.True(length <= exact.Length);
        AssertSame(segment, back);
        Assert.Throws<ArgumentException>(() => FactSegmentCodec.Encode(segment, new byte[exact.Length - 1]));
    }

    [Fact]
    public void Decode_EveryTruncation_ThrowsInvalidData()
    {
        var data = Encoded(RandomSegment(new Random(11), 40));

        for (var length = 0; length < data.Length; length++)
        {
            var truncated = data[..length];
            Assert.Throws<InvalidDataException>(() => FactSegmentCodec.Decode(truncated, new FactSegment(1)));
        }
    }

    [Fact]
    public void Decode_TrailingBytes_ThrowsInvalidData()
    {
        var data = Encoded(RandomSegment(new Random(12), 10));

        Assert.Throws<InvalidDataException>(() => FactSegmentCodec.Decode([.. data, 0], new FactSegment(1)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(255)]
    public void Decode_WrongVersion_ThrowsInvalidData(byte version)
    {
        var data = Encoded(RandomSegment(new Random(13), 5));
        data[0] = version;

        var e = Assert.Throws<InvalidDataException>(() => FactSegmentCodec.Decode(data, new FactSegment(1)));
        Assert.Contains("version", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void Decode_NegativeCount_ThrowsInvalidData(int count)
    {
        var data = Encoded(RandomSegment(new Random(14), 5));
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(1), count);

        Assert.Throws<InvalidDataException>(() => FactSegmentCodec.Decode(data, new FactSegment(1)));
    }

    [Theory]
    [InlineData(6)]
    [InlineData(1_000_000)]
    [InlineData(int.MaxValue / 16)]
    [InlineData(int.MaxValue)]
    public void Decode_CountLargerThanTheColumnsHold_ThrowsInvalidDataWithoutAllocatingForIt(int count)
    {
        var segment = Constant(5);
        for (var i = 0; i < 5; i++)
        {
            segment[FactIdColumn.ResourceId][i] = i * 1_000;
        }

        var data = Encoded(segment);
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(1), count);
        var into = new FactSegment(1);

        Assert.Throws<InvalidDataException>(() => FactSegmentCodec.Decode(data, into));
        Assert.True(into.Capacity < 1_000, $"capacity {into.Capacity}");
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(8)] // valid for the rows column, not for an id column
    [InlineData(16)]
    [InlineData(255)]
    public void Decode_InvalidIdWidth_ThrowsInvalidData(byte width)
    {
        var data = Encoded(Constant(5));
        data[5 + 4] = width; // the first id column's width byte

        Assert.Throws<InvalidDataException>(() => FactSegmentCodec.Decode(data, new FactSegment(1)));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(16)]
    [InlineData(200)]
    public void Decode_InvalidRowsWidth_ThrowsInvalidData(byte width)
    {
        var data = Encoded(Constant(5));
        data[5 + (FactSegment.IdColumnCount * 5) + 8] = width;

        Assert.Throws<InvalidDataException>(() => FactSegmentCodec.Decode(data, new FactSegment(1)));
    }

    [Fact]
    public void Decode_UnknownMoneyKindOrScale_ThrowsInvalidData()
    {
        var kind = Encoded(Constant(5));
        kind[FirstAmountAtWhenConstant] = 7;
        var scale = Encoded(Constant(5));
        scale[FirstAmountAtWhenConstant + 1] = 29;

        Assert.Throws<InvalidDataException>(() => FactSegmentCodec.Decode(kind, new FactSegment(1)));
        Assert.Throws<InvalidDataException>(() => FactSegmentCodec.Decode(scale, new FactSegment(1)));
    }

    [Fact]
    public void Decode_RawMoneyWithInvalidDecimalBits_ThrowsInvalidData()
    {
        var segment = Constant(1);
        segment[FactAmountColumn.BilledCost][0] = Huge;
        var data = Encoded(segment);
        Assert.Equal(1, data[FirstAmountAtWhenConstant]);
        data[FirstAmountAtWhenConstant + 1 + 12 + 2] = 29; // flags: scale 29

        Assert.Throws<InvalidDataException>(() => FactSegmentCodec.Decode(data, new FactSegment(1)));
    }

    [Fact]
    public void Decode_RandomCorruption_ThrowsOnlyInvalidData()
    {
        var random = new Random(15);
        for (var run = 0; run < 500; run++)
        {
            var data = Encoded(RandomSegment(random, random.Next(0, 30)));
            var at = random.Next(data.Length);
            data[at] = (byte)random.Next(256);
            if (at is >= 1 and <= 4)
            {
                // A corrupt count may claim any number of constant facts; keep it small so the test stays fast.
                BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(1), random.Next(-5, 64));
            }

            var segment = new FactSegment(1);
            try
            {
                FactSegmentCodec.Decode(data, segment);
            }
            catch (InvalidDataException)
            {
                // Expected for most corruptions; anything else (IndexOutOfRange, Argument...) fails the test.
            }
        }
    }

    private static FactSegment RoundTrip(FactSegment segment, FactSegment into)
    {
        FactSegmentCodec.Decode(Encoded(segment), into);
        return into;
    }

    /// <summary>Encodes into a buffer of exactly <see cref="FactSegmentCodec.MaxLength"/> bytes and returns what was written.</summary>
    private static byte[] Encoded(FactSegment segment)
    {
        var buffer = new byte[FactSegmentCodec.MaxLength(segment.Count)];
        var length = FactSegmentCodec.Encode(segment, buffer);
        return buffer[..length];
    }

    /// <summary>A segment whose ids and rows are all constant, so every column header sits at a known offset.</summary>
    private static FactSegment Constant(int count)
    {
        var segment = new FactSegment(count) { Count = count };
        for (var i = 0; i < count; i++)
        {
            for (var c = 0; c < FactSegment.IdColumnCount; c++)
            {
                segment.Ids[c][i] = 42;
            }

            segment.Rows[i] = 1;
        }

        return segment;
    }

    private static void AssertSame(FactSegment expected, FactSegment actual, string? what = null)
    {
        var count = expected.Count;
        Assert.True(count == actual.Count, $"{what}: count {actual.Count}, expected {count}");
        for (var c = 0; c < FactSegment.IdColumnCount; c++)
        {
            Assert.True(expected.Ids[c].AsSpan(0, count).SequenceEqual(actual.Ids[c].AsSpan(0, count)), $"{what}: id column {(FactIdColumn)c}");
        }

        Assert.True(expected.Rows.AsSpan(0, count).SequenceEqual(actual.Rows.AsSpan(0, count)), $"{what}: rows");
        for (var c = 0; c < FactSegment.AmountColumnCount; c++)
        {
            for (var i = 0; i < count; i++)
            {
                // decimal equality: 1.50 equals 1.5 (the codec may change trailing zeros of the scale, never the value).
                Assert.True(
                    expected.Amounts[c][i] == actual.Amounts[c][i],
                    $"{what}: {(FactAmountColumn)c}[{i}] = {actual.Amounts[c][i]}, expected {expected.Amounts[c][i]}");
            }
        }
    }

    private static FactSegment RandomSegment(Random random, int count)
    {
        var segment = new FactSegment(Math.Max(1, count)) { Count = count };
        for (var c = 0; c < FactSegment.IdColumnCount; c++)
        {
            FillIds(random, segment.Ids[c].AsSpan(0, count));
        }

        FillRows(random, segment.Rows.AsSpan(0, count));
        for (var c = 0; c < FactSegment.AmountColumnCount; c++)
        {
            FillAmounts(random, segment.Amounts[c].AsSpan(0, count));
        }

        return segment;
    }

    private static void FillIds(Random random, Span<int> ids)
    {
        var mode = random.Next(6);
        var constant = random.Next(3) switch { 0 => int.MinValue, 1 => int.MaxValue, _ => random.Next(int.MinValue, int.MaxValue) };
        var small = random.Next(-1_000, 1_000);
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = mode switch
            {
                0 => constant, // width 0
                1 => small + random.Next(0, 256), // width 1
                2 => small + random.Next(0, 65_536), // width 2
                3 => random.Next(int.MinValue, int.MaxValue), // width 4, anywhere
                4 => random.Next(2) == 0 ? int.MinValue : int.MaxValue, // full range
                _ => random.Next(0, 20) == 0 ? 0 : random.Next(1, 5_000), // dictionary ids with "no value"
            };
        }
    }

    private static void FillRows(Random random, Span<long> rows)
    {
        var mode = random.Next(5);
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = mode switch
            {
                0 => 1,
                1 => random.NextInt64(1, 25),
                2 => random.NextInt64(long.MinValue, long.MaxValue),
                3 => random.Next(2) == 0 ? long.MaxValue : -random.NextInt64(0, 1_000_000_000_000),
                _ => random.Next(3) switch { 0 => long.MinValue, 1 => long.MaxValue, _ => 0 },
            };
        }
    }

    private static void FillAmounts(Random random, Span<decimal> amounts)
    {
        var mode = random.Next(6);
        var constant = RandomDecimal(random, random.Next(4));
        for (var i = 0; i < amounts.Length; i++)
        {
            amounts[i] = mode switch
            {
                0 => constant,
                1 => RandomDecimal(random, 0), // small money, fixed point
                2 => RandomDecimal(random, 1), // any scale, small mantissa
                3 => RandomDecimal(random, random.Next(4)), // mix: some must go raw
                4 => random.Next(10) == 0 ? RandomDecimal(random, 2) : RandomDecimal(random, 0), // mostly small, a few huge
                _ => RandomDecimal(random, 3),
            };
        }
    }

    /// <summary>0: cents to micro-units; 1: small mantissa, scale 0..28; 2: full 96-bit mantissa; 3: extremes.</summary>
    private static decimal RandomDecimal(Random random, int kind) => kind switch
    {
        0 => new decimal((int)random.NextInt64(0, 100_000_000), 0, 0, random.Next(5) == 0, (byte)random.Next(0, 7)),
        1 => new decimal(random.Next(), 0, 0, random.Next(2) == 0, (byte)random.Next(0, 29)),
        2 => new decimal(random.Next(int.MinValue, int.MaxValue), random.Next(int.MinValue, int.MaxValue), random.Next(int.MinValue, int.MaxValue), random.Next(2) == 0, (byte)random.Next(0, 29)),
        _ => random.Next(6) switch
        {
            0 => Huge,
            1 => -Huge,
            2 => 0m,
            3 => new decimal(-1, int.MaxValue, 0, random.Next(2) == 0, 0), // +-(2^63 - 1)
            4 => new decimal(0, int.MinValue, 0, true, (byte)random.Next(0, 29)), // -2^63 at some scale
            _ => 0.0000000000000000000000000001m,
        },
    };
}
