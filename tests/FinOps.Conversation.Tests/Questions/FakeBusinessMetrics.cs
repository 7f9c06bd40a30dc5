using FinOps.Core.Query;
using FinOps.Core.UnitEconomics;

namespace FinOps.Conversation.Tests.Questions;

/// <summary>Business metrics held in memory, as the store would return them.</summary>
public sealed class FakeBusinessMetrics : IBusinessMetrics
{
    private readonly List<BusinessMetricValue> _values = [];

    /// <summary>Adds <paramref name="value"/> for every day from <paramref name="first"/> to <paramref name="last"/> inclusive.</summary>
    public FakeBusinessMetrics Daily(string metric, string? team, DateOnly first, DateOnly last, decimal value)
    {
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            _values.Add(new BusinessMetricValue(day, metric, team, value));
        }

        return this;
    }

    public Task<IReadOnlyList<BusinessMetricSeries>> GetSeriesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<BusinessMetricSeries>>(_values
            .GroupBy(v => (v.Metric, v.Team))
            .Select(g => new BusinessMetricSeries(g.Key.Metric, g.Key.Team, g.Min(v => v.Date), g.Max(v => v.Date), g.Count()))
            .OrderBy(s => s.Metric, StringComparer.Ordinal).ThenBy(s => s.Team is not null).ThenBy(s => s.Team, StringComparer.Ordinal)
            .ToArray());

    public Task<IReadOnlyList<BusinessMetricValue>> GetValuesAsync(string metric, string? team, DateRange period, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<BusinessMetricValue>>(_values.Where(v => v.Metric == metric && v.Team == team && period.Contains(v.Date)).OrderBy(v => v.Date).ToArray());
}
