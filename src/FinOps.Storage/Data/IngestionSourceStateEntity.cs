namespace FinOps.Storage.Data;

/// <summary>The outcome of the latest sync of one ingestion source.</summary>
public sealed class IngestionSourceStateEntity
{
    public required string Source { get; set; }

    public DateTimeOffset LastSyncAt { get; set; }

    /// <summary>The run id of the latest run imported from the source, if any.</summary>
    public string? LastRunId { get; set; }

    /// <summary>When a sync last imported new data from the source.</summary>
    public DateTimeOffset? LastNewDataAt { get; set; }

    /// <summary><c>ok</c>, <c>rejected</c> (a run was refused) or <c>failed</c> (the source could not be read).</summary>
    public required string Status { get; set; }

    public string? Error { get; set; }
}
