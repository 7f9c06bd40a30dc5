namespace FinOps.Core.Ingestion;

/// <summary>The values an import accepts: what the store and its questions can compute with, whatever the export holds.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>Dates (charge and billing periods) lie in [<see cref="EarliestDate"/>, <see cref="LatestDate"/>): a row dated
/// 9999-12-31 cannot have a following day or month, so every question touching it would fail.</item>
/// <item>Amounts (billed, effective, list and contracted cost) have an absolute value of at most <see cref="MaxAmount"/>
/// (10^15, a quadrillion in the billing currency). Decimal holds up to about 7.9 * 10^28, so sums of up to 7.9 * 10^13
/// such rows cannot overflow, far more rows than any store holds; an unbounded row (5e28) would make the sum of two rows
/// of one month throw.</item>
/// </list>
/// </remarks>
public static class FocusLimits
{
    /// <summary>The earliest date accepted (inclusive), UTC.</summary>
    public static readonly DateTime EarliestDate = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The first date no longer accepted (exclusive), UTC.</summary>
    public static readonly DateTime LatestDate = new(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The largest absolute amount accepted in one row.</summary>
    public const decimal MaxAmount = 1_000_000_000_000_000m;
}
