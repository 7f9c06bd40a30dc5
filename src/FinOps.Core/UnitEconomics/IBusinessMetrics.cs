using FinOps.Core.Query;

namespace FinOps.Core.UnitEconomics;

/// <summary>Reads imported business metrics, the denominators of unit costs.</summary>
public interface IBusinessMetrics
{
    /// <summary>Every stored series (metric and scope), ordered by metric then team with the company-wide series first.</summary>
    Task<IReadOnlyList<BusinessMetricSeries>> GetSeriesAsync(CancellationToken cancellationToken);

    /// <summary>The daily values of one series within <paramref name="period"/>, by date; <paramref name="team"/> null means the company-wide series.</summary>
    Task<IReadOnlyList<BusinessMetricValue>> GetValuesAsync(string metric, string? team, DateRange period, CancellationToken cancellationToken);
}
