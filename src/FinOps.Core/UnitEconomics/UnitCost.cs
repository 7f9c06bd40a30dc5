namespace FinOps.Core.UnitEconomics;

/// <summary>Cost divided by a business metric over the same days: cost per <see cref="Scale"/> units.</summary>
/// <param name="Cost">The cost of the period (one currency).</param>
/// <param name="Volume">The metric's total over the same days.</param>
/// <param name="Scale">How many units the figure is per: 1, 1,000 or 1,000,000.</param>
/// <remarks>There is no unit cost without volume: <see cref="Value"/> is null when <see cref="Volume"/> is zero.</remarks>
public sealed record UnitCost(decimal Cost, decimal Volume, int Scale)
{
    /// <summary>Scales tried in order: the first that makes a typical figure at least 0.10 of the currency.</summary>
    public static readonly IReadOnlyList<int> Scales = [1, 1_000, 1_000_000];

    public decimal? Value => Volume == 0 ? null : Cost * Scale / Volume;

    /// <summary>The smallest of <see cref="Scales"/> at which <paramref name="cost"/> per unit reads as at least 0.10 ("$0.04 per order" reads better as "$42.10 per 1,000 orders").</summary>
    public static int ChooseScale(decimal cost, decimal volume)
    {
        if (volume == 0 || cost == 0)
        {
            return 1;
        }

        foreach (var scale in Scales)
        {
            if (Math.Abs(cost * scale / volume) >= 0.10m)
            {
                return scale;
            }
        }

        return Scales[^1];
    }
}
