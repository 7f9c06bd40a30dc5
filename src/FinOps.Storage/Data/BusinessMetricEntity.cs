namespace FinOps.Storage.Data;

/// <summary>One day's value of a business metric for the company (<see cref="Team"/> null) or one team.</summary>
/// <remarks>The value is stored as SQLite text so it stays an exact decimal; sums are taken in .NET, never in SQL.</remarks>
public sealed class BusinessMetricEntity
{
    public long Id { get; set; }

    public DateOnly Date { get; set; }

    /// <summary>The metric key (lower case, words joined by <c>_</c>).</summary>
    public required string Metric { get; set; }

    /// <summary>The team key, or null for a company-wide value.</summary>
    public string? Team { get; set; }

    public decimal Value { get; set; }

    /// <summary>The import that wrote the value (see <see cref="BusinessMetricImportEntity"/>).</summary>
    public long ImportId { get; set; }
}
