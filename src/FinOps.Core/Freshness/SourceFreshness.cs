namespace FinOps.Core.Freshness;

/// <summary>One ingestion source: when it was last synced, when it last delivered something new, and how far each account is complete.</summary>
/// <param name="Source">The source's configured name.</param>
/// <param name="Status"><c>never synced</c>, <c>ok</c>, <c>rejected</c> or <c>failed</c> (the latest sync).</param>
/// <param name="LastSyncAt">When it was last synced; null if never.</param>
/// <param name="LastNewDataAt">When a sync last found new data; null if never.</param>
/// <param name="ExpectedCadence">How often the export is expected to deliver new data.</param>
/// <param name="IsStale">Synced, but nothing new for longer than <paramref name="ExpectedCadence"/> (the export may have stopped).</param>
/// <param name="Accounts">Per provider and billing account, the last complete day; empty before the first delivery.</param>
/// <remarks>The latest charge day of an export may still grow (exports refresh the current day), so the last complete day is the one before it until the billing period ends.</remarks>
public sealed record SourceFreshness(
    string Source,
    string Status,
    DateTimeOffset? LastSyncAt,
    DateTimeOffset? LastNewDataAt,
    TimeSpan ExpectedCadence,
    bool IsStale,
    IReadOnlyList<AccountCompleteness> Accounts);
