namespace FinOps.Storage.Data;

/// <summary>One business-metrics file imported: where from, which bytes, how many values it wrote and replaced.</summary>
public sealed class BusinessMetricImportEntity
{
    public long Id { get; set; }

    /// <summary>The full path of the source file.</summary>
    public required string SourceFile { get; set; }

    /// <summary>Lower-case hex SHA-256 of the file's bytes.</summary>
    public required string Sha256 { get; set; }

    public DateTimeOffset ImportedAt { get; set; }

    public int Values { get; set; }

    /// <summary>How many values stored before were replaced by this file's (same metric, team and date).</summary>
    public int Replaced { get; set; }
}
