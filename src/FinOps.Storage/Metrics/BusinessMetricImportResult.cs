namespace FinOps.Storage.Metrics;

/// <summary>What importing one business-metrics file did.</summary>
/// <param name="File">The file's full path.</param>
/// <param name="Status">Imported, unchanged or failed.</param>
/// <param name="Values">Values in the file.</param>
/// <param name="Replaced">Values stored before that the file replaced (same metric, team and date).</param>
/// <param name="Metrics">The metric keys in the file, sorted.</param>
/// <param name="First">The file's first day, when it has values.</param>
/// <param name="Last">The file's last day, when it has values.</param>
/// <param name="Error">Why the file was rejected (names the file, line and column), when it failed.</param>
public sealed record BusinessMetricImportResult(
    string File,
    BusinessMetricImportStatus Status,
    int Values,
    int Replaced,
    IReadOnlyList<string> Metrics,
    DateOnly? First,
    DateOnly? Last,
    string? Error)
{
    public static BusinessMetricImportResult Failure(string file, string error) => new(file, BusinessMetricImportStatus.Failed, 0, 0, [], null, null, error);
}
