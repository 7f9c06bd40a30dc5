using FinOps.Core.Ingestion;

namespace FinOps.Storage.Import;

/// <summary>What happened to one file of an import run.</summary>
/// <param name="File">Full path of the file.</param>
/// <param name="Status">Imported, unchanged or failed.</param>
/// <param name="Rows">Source rows read (for an unchanged file: rows of the earlier import).</param>
/// <param name="Facts">Daily fact rows written.</param>
/// <param name="Periods">Billing period starts found in the file.</param>
/// <param name="Currencies">Billing currencies found in the file.</param>
/// <param name="Warnings">Data-quality warnings.</param>
/// <param name="Error">Why the file failed (names file, line and column when the reader knows them).</param>
/// <param name="ErrorLine">Line of the failing row, when known.</param>
/// <param name="ErrorColumn">Column of the failing value, when known.</param>
/// <param name="Notices">What the user should know about an imported file, e.g. that it replaced a billing period an earlier run had built from other files.</param>
public sealed record FileImportResult(
    string File,
    ImportStatus Status,
    long Rows,
    long Facts,
    IReadOnlyList<DateOnly> Periods,
    IReadOnlyList<string> Currencies,
    IReadOnlyList<DataQualityWarning> Warnings,
    string? Error = null,
    long? ErrorLine = null,
    string? ErrorColumn = null,
    IReadOnlyList<string>? Notices = null);
