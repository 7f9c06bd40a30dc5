namespace FinOps.Core.Query;

/// <summary>What the store holds: the charge dates covered (half-open) and the time of the last import.</summary>
public sealed record DataCoverage(DateRange Dates, DateTimeOffset LastImportedAt, IReadOnlyList<string> Currencies);
