namespace FinOps.Storage.Data;

/// <summary>One export run of an ingestion source that a sync has dealt with: imported, or rejected with why.</summary>
/// <remarks>
/// A run is known by its manifest's key in the source; <see cref="Fingerprint"/> (the manifest's and the parts' ETags)
/// tells a changed run (a new day's data, a restatement) from one already dealt with. An imported run is written in the
/// transaction that imported its data, so a crash never leaves data without its record or a record without its data.
/// </remarks>
public sealed class IngestionRunEntity
{
    public long Id { get; set; }

    public required string Source { get; set; }

    /// <summary>The manifest's key (path) in the source.</summary>
    public required string RunKey { get; set; }

    /// <summary>The export's own run id (AWS <c>executionId</c>, Azure <c>runInfo.runId</c>).</summary>
    public required string RunId { get; set; }

    public required string Fingerprint { get; set; }

    /// <summary><c>imported</c> or <c>rejected</c>.</summary>
    public required string Status { get; set; }

    public string? Error { get; set; }

    public long Rows { get; set; }

    public DateTimeOffset SyncedAt { get; set; }
}
