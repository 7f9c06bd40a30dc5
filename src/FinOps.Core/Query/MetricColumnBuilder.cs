namespace FinOps.Core.Query;

/// <summary>
/// Collects one metric as fixed-point integers at the smallest scale that holds every value so far
/// (rescaling when a finer value arrives), falling back to decimals when a value cannot be held exactly.
/// Keeps 8 bytes per fact instead of 16 while building large cubes.
/// </summary>
internal sealed class MetricColumnBuilder(int capacity)
{
    private static readonly ulong[] Pow10 = BuildPowers();
    private long[]? _fixed = new long[capacity];
    private decimal[]? _decimals;
    private int _scale;
    private int _count;

    public void Add(decimal value)
    {
        if (_fixed is not null)
        {
            if (_count == _fixed.Length)
            {
                Array.Resize(ref _fixed, _fixed.Length * 2);
            }

            if (TryFixed(value, _scale, out var units)
                || (Rescale(MinimalScale(value)) && TryFixed(value, _scale, out units)))
            {
                _fixed[_count++] = units;
                return;
            }

            _decimals = new decimal[_fixed.Length];
            var divisor = (decimal)Pow10[_scale];
            for (var i = 0; i < _count; i++)
            {
                _decimals[i] = _fixed[i] / divisor;
            }

            _fixed = null;
        }

        if (_count == _decimals!.Length)
        {
            Array.Resize(ref _decimals, _decimals.Length * 2);
        }

        _decimals[_count++] = value;
    }

    /// <summary>The finished column; the builder hands its storage over and cannot be used again.</summary>
    /// <remarks><paramref name="scratch"/> is shared by the metrics of one cube so that reordering allocates once.</remarks>
    public MetricColumn Build(int count, int[]? order, ref long[]? scratch)
    {
        MetricColumn column;
        if (_fixed is not null)
        {
            column = new MetricColumn(Take(_fixed, count, order, ref scratch), _scale);
        }
        else
        {
            decimal[]? decimalScratch = null;
            column = new MetricColumn(Take(_decimals!, count, order, ref decimalScratch));
        }

        _fixed = null;
        _decimals = null;
        return column;
    }

    private static T[] Take<T>(T[] source, int count, int[]? order, ref T[]? scratch)
    {
        if (order is not null)
        {
            Permutation.Apply(source, count, order, ref scratch);
        }

        return source.Length == count ? source : source.AsSpan(0, count).ToArray();
    }

    /// <summary>Raises the scale of every value held so far; false (and nothing changed) when one would overflow.</summary>
    private bool Rescale(int scale)
    {
        if (scale <= _scale || scale > 18)
        {
            return false;
        }

        var factor = (long)Pow10[scale - _scale];
        var limit = long.MaxValue / factor;
        for (var i = 0; i < _count; i++)
        {
            if (Math.Abs(_fixed![i]) > limit)
            {
                return false;
            }
        }

        for (var i = 0; i < _count; i++)
        {
            _fixed![i] *= factor;
        }

        _scale = scale;
        return true;
    }

    private static bool TryFixed(decimal value, int scale, out long units)
    {
        units = 0;
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        if (bits[2] != 0)
        {
            return false;
        }

        var mantissa = (uint)bits[0] | ((ulong)(uint)bits[1] << 32);
        var valueScale = (bits[3] >> 16) & 0xFF;
        while (valueScale > scale && mantissa % 10 == 0)
        {
            mantissa /= 10;
            valueScale--;
        }

        if (valueScale > scale)
        {
            return false;
        }

        var product = (UInt128)mantissa * Pow10[scale - valueScale];
        if (product > long.MaxValue)
        {
            return false;
        }

        units = bits[3] < 0 ? -(long)product : (long)product;
        return true;
    }

    /// <summary>The decimal places a value really needs (trailing zeros dropped); above 18 when it cannot be fixed-point.</summary>
    private static int MinimalScale(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        if (bits[2] != 0)
        {
            return 99;
        }

        var mantissa = (uint)bits[0] | ((ulong)(uint)bits[1] << 32);
        while (scale > 0 && mantissa % 10 == 0)
        {
            mantissa /= 10;
            scale--;
        }

        return scale;
    }

    private static ulong[] BuildPowers()
    {
        var powers = new ulong[20];
        powers[0] = 1;
        for (var i = 1; i < powers.Length; i++)
        {
            powers[i] = powers[i - 1] * 10;
        }

        return powers;
    }
}
