using FinOps.Core.Ingestion;

namespace FinOps.Storage.Import;

/// <summary>A data-quality warning with the import that raised it.</summary>
public sealed record ImportWarning(long ImportId, string FilePath, DateTimeOffset ImportedAt, DataQualityWarning Warning);
