using FinOps.Core.Ingestion;

namespace FinOps.Storage.Import;

/// <summary>One recorded import attempt, newest first in <see cref="CostImporter.GetImportHistoryAsync"/>.</summary>
public sealed record ImportHistoryEntry(
    long Id,
    string FilePath,
    string Sha256,
    ImportStatus Status,
    long Rows,
    long Facts,
    IReadOnlyList<DateOnly> Periods,
    IReadOnlyList<string> Currencies,
    IReadOnlyList<DataQualityWarning> Warnings,
    string? Error,
    DateTimeOffset ImportedAt);
