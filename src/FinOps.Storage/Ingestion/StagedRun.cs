namespace FinOps.Storage.Ingestion;

/// <summary>A run's parts downloaded into its staging folder (in manifest order), or why the run cannot be imported.</summary>
/// <param name="Folder">The claimed staging folder; null when nothing was downloaded.</param>
/// <param name="Files">The staged parts; empty with a <paramref name="Problem"/>.</param>
/// <param name="Problem">The rejection message, or null.</param>
internal sealed record StagedRun(StagingFolder? Folder, IReadOnlyList<string> Files, string? Problem);
