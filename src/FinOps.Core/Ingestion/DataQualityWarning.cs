namespace FinOps.Core.Ingestion;

/// <summary>A data-quality finding of an import: a code, what it means, how many rows, and a few example lines.</summary>
public sealed record DataQualityWarning(string Code, string Message, long Rows, decimal Amount, string Currency, IReadOnlyList<long> SampleLines);
