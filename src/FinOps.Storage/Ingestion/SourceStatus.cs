namespace FinOps.Storage.Ingestion;

/// <summary>A configured source and what its syncs have done so far (no credentials).</summary>
/// <param name="Name">The source's name.</param>
/// <param name="Kind">Where its exports are delivered.</param>
/// <param name="Location">Bucket and prefix, container, or folder; never a secret.</param>
/// <param name="Schedule">Quartz cron (UTC) of its scheduled sync.</param>
/// <param name="LastSyncAt">When it was last synced, or null if never.</param>
/// <param name="LastRunId">The export's id of the latest run imported.</param>
/// <param name="LastNewDataAt">When a sync last found new data.</param>
/// <param name="Status"><c>never synced</c>, <c>ok</c>, <c>rejected</c> or <c>failed</c>.</param>
/// <param name="Error">The latest sync's problem, if any.</param>
/// <param name="Freshness">Per billing account, the last complete day synced.</param>
/// <param name="IsStale">The source has been synced but has delivered nothing new for longer than its <c>ExpectedCadence</c>.</param>
public sealed record SourceStatus(
    string Name,
    IngestionSourceKind Kind,
    string Location,
    string Schedule,
    DateTimeOffset? LastSyncAt,
    string? LastRunId,
    DateTimeOffset? LastNewDataAt,
    string Status,
    string? Error,
    IReadOnlyList<AccountFreshness> Freshness,
    bool IsStale);
