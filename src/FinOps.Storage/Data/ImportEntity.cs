namespace FinOps.Storage.Data;

/// <summary>One attempt to import one file: its hash, what it held, its warnings and how it ended.</summary>
public sealed class ImportEntity
{
    public long Id { get; set; }

    public required string FilePath { get; set; }

    /// <summary>Lower-case hex SHA-256 of the file's bytes.</summary>
    public required string Sha256 { get; set; }

    /// <summary>The file's size; null for imports recorded before sizes were kept.</summary>
    /// <remarks>A file whose size no current import has cannot be one imported before, so it is hashed while it is read.</remarks>
    public long? Bytes { get; set; }

    /// <summary><c>imported</c> or <c>failed</c>.</summary>
    public required string Status { get; set; }

    public long Rows { get; set; }

    public long Facts { get; set; }

    /// <summary>Number of billing slices the file held when imported.</summary>
    public int Slices { get; set; }

    /// <summary>JSON array of billing period start dates.</summary>
    public string Periods { get; set; } = "[]";

    /// <summary>JSON array of currency codes.</summary>
    public string Currencies { get; set; } = "[]";

    /// <summary>JSON array of data-quality warnings.</summary>
    public string Warnings { get; set; } = "[]";

    public string? Error { get; set; }

    public DateTimeOffset ImportedAt { get; set; }
}
