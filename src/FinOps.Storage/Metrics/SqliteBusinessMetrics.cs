using FinOps.Core.Query;
using FinOps.Core.UnitEconomics;
using FinOps.Storage.Data;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Storage.Metrics;

/// <summary>The business metrics of the SQLite store.</summary>
public sealed class SqliteBusinessMetrics(CostDatabase database) : IBusinessMetrics
{
    public async Task<IReadOnlyList<BusinessMetricSeries>> GetSeriesAsync(CancellationToken cancellationToken)
    {
        await database.EnsureReadyAsync(cancellationToken);
        await using var context = database.CreateContext();
        var rows = await context.BusinessMetrics.AsNoTracking().Select(m => new { m.Metric, m.Team, m.Date }).ToListAsync(cancellationToken);
        return rows
            .GroupBy(r => (r.Metric, r.Team))
            .Select(g => new BusinessMetricSeries(g.Key.Metric, g.Key.Team, g.Min(r => r.Date), g.Max(r => r.Date), g.Count()))
            .OrderBy(s => s.Metric, StringComparer.Ordinal)
            .ThenBy(s => s.Team is not null)
            .ThenBy(s => s.Team, StringComparer.Ordinal)
            .ToArray();
    }

    public async Task<IReadOnlyList<BusinessMetricValue>> GetValuesAsync(string metric, string? team, DateRange period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(period);
        await database.EnsureReadyAsync(cancellationToken);
        await using var context = database.CreateContext();
        var query = context.BusinessMetrics.AsNoTracking().Where(m => m.Metric == metric && m.Date >= period.Start && m.Date < period.End);
        query = team is null ? query.Where(m => m.Team == null) : query.Where(m => m.Team == team);
        var rows = await query.ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.Date).Select(r => new BusinessMetricValue(r.Date, r.Metric, r.Team, r.Value)).ToArray();
    }
}
