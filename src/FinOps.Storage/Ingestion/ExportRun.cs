namespace FinOps.Storage.Ingestion;

/// <summary>One delivery of an export, as its manifest describes it: the parts that together are the export's data.</summary>
/// <param name="RunKey">The manifest's key: the run's identity in the source (an overwriting export keeps it, with new content).</param>
/// <param name="RunId">The export's own id of the delivery (AWS <c>executionId</c>, Azure <c>runInfo.runId</c>), or the manifest's ETag.</param>
/// <param name="Parts">The parts, in manifest order.</param>
/// <param name="Fingerprint">Changes when the manifest or any part changes: a run with a known fingerprint is not read again.</param>
/// <param name="DeliveredAt">When the manifest was written (runs are imported oldest first).</param>
/// <param name="Problem">Why the run cannot be imported (a part missing, a manifest that cannot be read), or null.</param>
internal sealed record ExportRun(
    string RunKey,
    string RunId,
    IReadOnlyList<ExportObject> Parts,
    string Fingerprint,
    DateTimeOffset DeliveredAt,
    string? Problem);
