namespace FinOps.Benchmarks;

/// <summary>The kinds of export the ingest benchmark measures: the demo generator's, and two shaped like real exports.</summary>
public enum ExportShape
{
    /// <summary>The demo generator's FOCUS 1.2 CSV: one row per resource and day, few tags.</summary>
    Demo,

    /// <summary>
    /// The FOCUS 1.0 column set of the FinOps Foundation's sample export (43 FOCUS columns and three x_ columns), daily rows,
    /// several SKU line items per resource and day, JSON tags with the sample's messy keys, NULL tokens, amounts with 11 decimals.
    /// </summary>
    Focus10,

    /// <summary>The same columns with hourly rows, ARM/ARN resource ids of 150-250 characters and 20-40 tag keys per row.</summary>
    Hourly,
}
