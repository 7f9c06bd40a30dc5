namespace FinOps.Storage.Data;

/// <summary>Which imports currently own the facts of a slice (several parts of one export share a slice).</summary>
public sealed class ImportSliceEntity
{
    public long ImportId { get; set; }

    public int SliceId { get; set; }
}
