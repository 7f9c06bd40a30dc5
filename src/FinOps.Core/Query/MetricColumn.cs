namespace FinOps.Core.Query;

/// <summary>One cost metric of a <see cref="CostCube"/>, held exactly.</summary>
/// <remarks>
/// When every value fits a 64-bit integer at the column's largest decimal scale, values are stored as
/// fixed-point integers (summed in <see cref="Int128"/>, so sums never overflow and stay exact); otherwise
/// the column keeps <see cref="decimal"/> values. Either way no amount is ever rounded.
/// </remarks>
public sealed class MetricColumn
{
    private static readonly decimal[] Pow10 = BuildPowers();

    internal MetricColumn(long[] fixedValues, int scale)
    {
        Fixed = fixedValues;
        Scale = scale;
    }

    internal MetricColumn(decimal[] values) => Decimals = values;

    /// <summary>Fixed-point values (value * 10^<see cref="Scale"/>), or null when <see cref="Decimals"/> is used.</summary>
    internal long[]? Fixed { get; }

    internal decimal[]? Decimals { get; }

    internal int Scale { get; }

    public decimal this[int fact] => Fixed is { } f ? FromFixed(f[fact]) : Decimals![fact];

    internal decimal FromFixed(Int128 units) => (decimal)units / Pow10[Scale];

    private static decimal[] BuildPowers()
    {
        var powers = new decimal[29];
        powers[0] = 1m;
        for (var i = 1; i < powers.Length; i++)
        {
            powers[i] = powers[i - 1] * 10m;
        }

        return powers;
    }
}
