namespace FinOps.Storage.Data;

/// <summary>A distinct set of tags, stored as canonical JSON (keys trimmed and sorted ordinally).</summary>
public sealed class TagSetEntity
{
    public int Id { get; set; }

    public required string Json { get; set; }
}
