namespace FinOps.Storage.Data;

/// <summary>Daily facts of one billing slice, stored column by column in one BLOB (<see cref="FactSegmentCodec"/>).</summary>
/// <remarks>
/// A fact is the daily cost of one combination of dimensions (hourly rows are rolled up); its dimensions are
/// <see cref="DimensionValueEntity"/> and <see cref="TagSetEntity"/> ids; provider, billing account id and billing
/// period live on the slice. An import writes one segment per slice each time it flushes its buffer, so a key can
/// appear in more than one segment; sums are unaffected. Replacing a slice deletes its segments.
/// </remarks>
public sealed class CostFactSegmentEntity
{
    public long Id { get; set; }

    public int SliceId { get; set; }

    /// <summary>How many facts <see cref="Data"/> holds.</summary>
    public int Facts { get; set; }

    public required byte[] Data { get; set; }
}
